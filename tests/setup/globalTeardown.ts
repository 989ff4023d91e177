import { rm } from 'node:fs/promises'

import type { EmbeddedPostgres } from '../../src/db/embeddedPostgres'
import { dropRunDatabases } from '../helpers/database'

export default async function globalTeardown() {
  const state = (globalThis as { __newsroomTestServer?: { server: EmbeddedPostgres; dataDir: string } })
    .__newsroomTestServer
  if (state) {
    await state.server.stop()
    await rm(state.dataDir, { recursive: true, force: true })
  } else {
    await dropRunDatabases()
  }
  if (process.env.MEDIA_DIR) await rm(process.env.MEDIA_DIR, { recursive: true, force: true })
}
