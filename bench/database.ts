/**
 * The benchmark's own database: a throwaway embedded Postgres by default, or a new database on the server in
 * DATABASE_URI. Either way nothing is left behind, even when the run is interrupted.
 */
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import { startEmbeddedPostgres } from '../src/db/embeddedPostgres'
import { onServer } from '../tests/helpers/database'

export type BenchDatabase = { uri: string; serverVersion: string; close: () => Promise<void> }

export async function openBenchDatabase(): Promise<BenchDatabase> {
  const name = `newsroom_bench_${randomBytes(4).toString('hex')}`
  let serverURI: string
  let stopServer = async () => {}
  if (process.env.DATABASE_URI) {
    serverURI = process.env.DATABASE_URI
  } else {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-bench-pg-'))
    // When run as root the server runs as the `postgres` user, which must be able to reach its data directory.
    await chmod(dataDir, 0o755)
    const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'data') })
    serverURI = server.uri
    stopServer = async () => {
      await server.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
  const serverVersion = await onServer(serverURI, async (client) => {
    await client.query(`CREATE DATABASE "${name}"`)
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]!.server_version
  })
  const uri = new URL(serverURI)
  uri.pathname = `/${name}`
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= (async () => {
      await onServer(serverURI, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).catch(
        () => {},
      )
      await stopServer()
    })())
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void close().finally(() => process.exit(130)))
  return { uri: uri.toString(), serverVersion, close }
}
