import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

import { freePort } from '../../src/db/embeddedPostgres'

export const STARTUP_TIMEOUT = 180_000

export type AppServer = {
  port: number
  process: ChildProcess
  /** Where a browser opens it: the server's own URL, so that Payload accepts its cookies. */
  baseURL: string
  /** A URL for requests from Node, over IPv4 loopback. */
  url: (pathname: string) => string
  /** Everything the server printed so far. */
  output: () => string
  /** The exit code, or null while it runs. */
  exitCode: () => number | null
  /** Kills the whole process tree (server, Next, embedded database) at once. */
  kill: () => void
}

/**
 * `npm run dev` as a developer runs it: the project's own server in development mode, in its own process group, with
 * these variables over the inherited ones. Resolves once it prints its URLs.
 */
export async function startAppServer(env: Record<string, string>): Promise<AppServer> {
  const port = await freePort()
  const { DATABASE_URI: _database, NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env
  let output = ''
  let exitCode: number | null = null
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/scripts/withDatabase.ts', 'tsx', 'src/server.ts', '--dev'],
    {
      env: {
        ...inherited,
        NODE_ENV: 'development',
        PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
        PORT: String(port),
        NEXT_DIST_DIR: '.next-test',
        ...env,
      },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  child.once('exit', (code) => (exitCode = code))
  const server: AppServer = {
    port,
    process: child,
    baseURL: `http://localhost:${port}`,
    url: (pathname) => `http://127.0.0.1:${port}${pathname}`,
    output: () => output,
    exitCode: () => exitCode,
    kill: () => {
      if (child.pid && exitCode === null) process.kill(-child.pid, 'SIGKILL')
    },
  }
  const deadline = Date.now() + STARTUP_TIMEOUT
  while (!output.includes('[newsroom] Admin panel:')) {
    if (exitCode !== null || Date.now() > deadline) {
      server.kill()
      throw new Error(`the server did not start:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  return server
}
