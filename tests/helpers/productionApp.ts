/** The app as operators run it: a production build, and `src/server.ts` instances started, killed and started again. */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { readdir } from 'node:fs/promises'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
/** The production build of the tests and the soak, beside (never instead of) a developer's `.next`. */
export const PRODUCTION_DIST_DIR = '.next-production'

const { DATABASE_URI: _database, NODE_OPTIONS: _nodeOptions, NODE_ENV: _nodeEnv, ...inherited } = process.env

/** The newest modification time of any file the build depends on. */
async function newestSource(): Promise<number> {
  let newest = 0
  const walk = async (dir: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) await walk(file)
      else newest = Math.max(newest, statSync(file).mtimeMs)
    }
  }
  for (const dir of ['src', 'collections', 'plugins']) await walk(path.join(root, dir))
  for (const file of ['package-lock.json', 'next.config.mjs'])
    newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs)
  return newest
}

function run(command: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...inherited, ...env } as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk))
    child.stderr!.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} failed (${code}):\n${output.slice(-4000)}`)),
    )
  })
}

/** Builds the app for production into its own folder, unless a build newer than every source is there. */
export async function ensureProductionBuild(log: (message: string) => void): Promise<void> {
  const buildId = path.join(root, PRODUCTION_DIST_DIR, 'BUILD_ID')
  if (existsSync(buildId) && statSync(buildId).mtimeMs > (await newestSource())) return
  log(`building the app for production into ${PRODUCTION_DIST_DIR}/ (once per change of the sources)`)
  await run(path.join(root, 'node_modules/.bin/next'), ['build'], {
    NODE_ENV: 'production',
    NEXT_DIST_DIR: PRODUCTION_DIST_DIR,
    NEXT_TELEMETRY_DISABLED: '1',
    // The build imports the config but never connects.
    DATABASE_URI: 'postgres://unused@127.0.0.1:1/unused',
    PAYLOAD_SECRET: 'build-time-only-secret-never-used',
  })
}

export type Instance = {
  name: string
  port: number
  baseURL: string
  /** Kills the instance's whole process tree at once (no shutdown), as a crash or an OOM kill would. */
  kill: () => void
  /** Asks the instance to stop (SIGTERM) and waits for it. */
  stop: () => Promise<void>
  output: () => string
}

/** Starts `src/server.ts` in production mode on a database; resolves once it answers a public read. */
export async function startInstance(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  let output = ''
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: 'production',
      PORT: String(port),
      NEXT_DIST_DIR: PRODUCTION_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      ...env,
    } as NodeJS.ProcessEnv,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-2_000_000))
  child.stdout!.on('data', keep)
  child.stderr!.on('data', keep)
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const instance: Instance = {
    name,
    port,
    baseURL: `http://127.0.0.1:${port}`,
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, 'SIGKILL')
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      process.kill(-child.pid!, 'SIGTERM')
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))])
      instance.kill()
    },
    output: () => output,
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`instance ${name} exited during start-up:\n${output}`)
    const answer = await fetch(`${instance.baseURL}/api/articles?limit=1&depth=0`).catch(() => undefined)
    if (answer?.status === 200) return instance
    if (Date.now() > deadline) {
      instance.kill()
      throw new Error(`instance ${name} did not answer within 120 s:\n${output}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
