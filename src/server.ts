/**
 * The app's HTTP server: Next.js (admin panel, REST, GraphQL) behind a plain Node server that records each
 * connection's own address in a header no client can set, for the comment rate limits.
 *
 *   tsx src/server.ts --dev     development (npm run dev)
 *   tsx src/server.ts           production, after npm run build (npm start)
 */
import { createServer } from 'node:http'
import path from 'node:path'
import next from 'next'

import { schemaRefusal, schemaState } from './db/schemaCheck'
import { SOCKET_ADDRESS_HEADER } from './http/clientAddress'

const dev = process.argv.includes('--dev')
if (!dev) {
  ;(process.env as Record<string, string | undefined>).NODE_ENV ??= 'production'
  // Production never pushes a schema: without every committed migration it would answer 500 on every request.
  const state = await schemaState(process.env.DATABASE_URI!)
  if (!state.ready) {
    console.error(`[newsroom] Not starting: ${schemaRefusal(state)}`)
    process.exit(1)
  }
}
const port = Number(process.env.PORT ?? 3000)

const app = next({ dev, dir: path.resolve(import.meta.dirname, '..'), port, hostname: 'localhost', turbopack: dev })
const handle = app.getRequestHandler()
await app.prepare()

const server = createServer((req, res) => {
  req.headers[SOCKET_ADDRESS_HEADER] = req.socket.remoteAddress ?? 'unknown'
  void handle(req, res)
})
const upgrade = app.getUpgradeHandler()
server.on('upgrade', (req, socket, head) => void upgrade(req, socket, head))
server.listen(port)

const shutdown = () => {
  server.close(() => process.exit(0))
  server.closeAllConnections()
  setTimeout(() => process.exit(0), 5000).unref()
}
process.once('SIGINT', shutdown)
process.once('SIGTERM', shutdown)
