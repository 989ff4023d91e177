/**
 * Runs a command (the server, payload migrate, ...) against the project's database.
 * With DATABASE_URI unset it starts the embedded Postgres in ./.data/postgres first and stops it after the command
 * has exited, so Ctrl-C leaves no server behind. With DATABASE_URI set it starts nothing.
 *
 *   tsx src/scripts/withDatabase.ts <command> [args...]
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'

import { startEmbeddedPostgres } from '../db/embeddedPostgres'
import { readEnvironment } from '../environment'

const projectRoot = path.resolve(import.meta.dirname, '../..')
const [command, ...args] = process.argv.slice(2)
if (!command) {
  console.error('usage: with-database <command> [args...]')
  process.exit(2)
}
const servesHttp = args.includes('src/server.ts')
const isDevelopment = servesHttp && args.includes('--dev')

function loadEnvironmentFiles() {
  const envFile = path.join(projectRoot, '.env')
  if (existsSync(envFile)) {
    process.loadEnvFile(envFile)
  } else if (isDevelopment) {
    console.log('[newsroom] No .env file: using the development defaults in .env.example.')
    process.loadEnvFile(path.join(projectRoot, '.env.example'))
  }
}

function waitForPort(port: number, onOpen: () => void) {
  const attempt = () => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      onOpen()
    })
    socket.once('error', () => setTimeout(attempt, 500))
  }
  attempt()
}

async function main() {
  loadEnvironmentFiles()
  readEnvironment()

  let database: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
  if (!process.env.DATABASE_URI) {
    const dataDir = path.resolve(projectRoot, process.env.EMBEDDED_POSTGRES_DIR || '.data/postgres')
    database = await startEmbeddedPostgres({
      dataDir,
      log: (message) => console.log(`[newsroom] ${message}`),
    })
    process.env.DATABASE_URI = database.uriFor('postgres')
    if (database.owned) {
      console.log(
        `[newsroom] Embedded Postgres is running on 127.0.0.1:${database.port} ` +
          `(data in ${path.relative(projectRoot, dataDir) || dataDir})`,
      )
    }
  }

  const port = Number(process.env.PORT ?? 3000)
  process.env.SERVER_URL ||= `http://localhost:${port}`
  process.env.NEXT_TELEMETRY_DISABLED ??= '1'
  const child = spawn(command!, args, { stdio: 'inherit', env: process.env })

  if (servesHttp) {
    waitForPort(port, () => {
      const base = process.env.SERVER_URL
      console.log(
        [
          '',
          `[newsroom] Reader site: ${base}/`,
          `[newsroom] Admin panel: ${base}/admin`,
          `[newsroom] REST API:    ${base}/api`,
          `[newsroom] GraphQL:     ${base}/api/graphql`,
          '',
        ].join('\n'),
      )
    })
  }

  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null) child.kill(signal)
  }
  process.on('SIGINT', forward)
  process.on('SIGTERM', forward)

  const code = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      console.error(`[newsroom] Could not run ${command}: ${error.message}`)
      resolve(127)
    })
    child.on('exit', (exitCode, signal) => resolve(exitCode ?? (signal ? 128 + 2 : 1)))
  })
  if (database?.owned) {
    await database.stop()
    console.log('[newsroom] Embedded Postgres stopped.')
  }
  process.exit(code)
}

main().catch((error: unknown) => {
  console.error(`[newsroom] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
