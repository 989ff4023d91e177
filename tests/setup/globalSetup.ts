import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres'

/**
 * One Postgres for the whole run: a throwaway embedded cluster, or the server in DATABASE_URI. Every test file then
 * creates its own fresh database on it (tests/helpers/database.ts), and the teardown removes them all.
 */
export default async function globalSetup() {
  process.env.TEST_RUN_ID = `${Date.now().toString(36)}${process.pid.toString(36)}`
  // Payload skips the schema push when the schema equals the one it last pushed in this process, even to another
  // database; every test database is new, so always push.
  process.env.PAYLOAD_FORCE_DRIZZLE_PUSH = 'true'
  process.env.MEDIA_DIR = await mkdtemp(path.join(os.tmpdir(), 'newsroom-media-'))
  if (process.env.DATABASE_URI) {
    process.env.TEST_DATABASE_SERVER = process.env.DATABASE_URI
    return
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-test-pg-'))
  // When run as root the server runs as the `postgres` user, which must be able to reach its data directory.
  await chmod(dataDir, 0o755)
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data') }).catch(async (error: unknown) => {
    await rm(dataDir, { recursive: true, force: true })
    throw error
  })
  process.env.TEST_DATABASE_SERVER = server.uri
  // An interrupted run (Ctrl-C, a CI timeout) skips the teardown: stop the server on the way out all the same.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void server.stop().finally(() => process.exit(130)))
  }
  ;(globalThis as { __newsroomTestServer?: unknown }).__newsroomTestServer = { server, dataDir }
}
