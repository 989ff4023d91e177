import { spawn, type ChildProcess } from 'node:child_process'
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { hashAddress, SOCKET_ADDRESS_HEADER } from '../../src/comments/client-address'
import { freePort } from '../../src/db/embedded-postgres'
import { readEnvironment } from '../../src/environment'
import { pidsMentioning } from '../helpers/processes'

const STARTUP_TIMEOUT = 180_000
const ADMIN = { email: 'smoke-admin@example.com', password: 'smoke-password-1' }

let root: string
let port: number
let server: ChildProcess
let output = ''
let exitCode: number | null = null

const url = (pathname: string) => `http://127.0.0.1:${port}${pathname}`

function portIsOpen(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-smoke-'))
  await chmod(root, 0o755)
  port = await freePort()
  const { DATABASE_URI: _database, NODE_ENV: _nodeEnv, NODE_OPTIONS: _nodeOptions, ...inherited } = process.env
  const env: NodeJS.ProcessEnv = {
    ...inherited,
    NODE_ENV: 'development',
    PATH: `${path.resolve('node_modules/.bin')}${path.delimiter}${process.env.PATH}`,
    PORT: String(port),
    EMBEDDED_POSTGRES_DIR: path.join(root, 'postgres'),
    MEDIA_DIR: path.join(root, 'media'),
    NEXT_DIST_DIR: '.next-test',
    SEED_DEMO: 'true',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  }
  // Its own process group, so the test can press Ctrl-C on the whole tree as a terminal would.
  server = spawn(process.execPath, ['--import', 'tsx', 'src/scripts/with-database.ts', 'tsx', 'src/server.ts', '--dev'], {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  server.once('exit', (code) => (exitCode = code))
  const deadline = Date.now() + STARTUP_TIMEOUT
  while (!output.includes('[newsroom] Admin panel:')) {
    if (exitCode !== null || Date.now() > deadline) throw new Error(`the server did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}, STARTUP_TIMEOUT + 10_000)

afterAll(async () => {
  if (server?.pid && exitCode === null) process.kill(-server.pid, 'SIGKILL')
  await rm(root, { recursive: true, force: true })
})

describe('npm run dev on the embedded database', () => {
  it('prints the admin, REST and GraphQL URLs', () => {
    expect(output).toContain(`Admin panel: http://localhost:${port}/admin`)
    expect(output).toContain(`REST API:    http://localhost:${port}/api`)
    expect(output).toContain(`GraphQL:     http://localhost:${port}/api/graphql`)
  })

  it('serves the admin panel', async () => {
    const response = await fetch(url('/admin'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('text/html')
  }, 180_000)

  it('serves the seeded articles over REST with depth', async () => {
    const response = await fetch(url('/api/articles?depth=1&limit=5'))
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.totalDocs).toBeGreaterThanOrEqual(38)
    expect(body.docs[0].section).toHaveProperty('name')
    expect(body.docs[0].tags[0]).toHaveProperty('kind')
  }, 120_000)

  it('answers GraphQL', async () => {
    const response = await fetch(url('/api/graphql'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ Articles(limit: 1) { totalDocs docs { title section { name } } } }' }),
    })
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.data.Articles.totalDocs).toBeGreaterThanOrEqual(38)
  }, 120_000)

  it('opens the comments list on the moderation queue', async () => {
    const response = await fetch(url('/admin/collections/comments'), { redirect: 'manual' })
    expect([302, 307, 308]).toContain(response.status)
    expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain('where[or][0][and][0][status][equals]=pending&sort=createdAt')
  })

  it('lets the seeded admin log in', async () => {
    const response = await fetch(url('/api/users/login'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    expect(response.status).toBe(200)
  })

  it('keys comment limits on the connection’s address, whatever headers the client sends', async () => {
    const [latest] = (await (await fetch(url('/api/articles?limit=1&depth=0'))).json()).docs
    const posted = await fetch(url('/api/comments'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', [SOCKET_ADDRESS_HEADER]: '6.6.6.6', 'x-forwarded-for': '7.7.7.7' },
      body: JSON.stringify({ article: latest.id, authorName: 'Smoke', authorEmail: 'smoke@example.com', body: 'Hello from the smoke test' }),
    })
    expect(posted.status).toBe(201)
    const { doc } = await posted.json()
    const login = await (await fetch(url('/api/users/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ADMIN) })).json()
    const saved = await (await fetch(url(`/api/comments/${doc.id}`), { headers: { authorization: `JWT ${login.token}` } })).json()
    const secret = readEnvironment({}).PAYLOAD_SECRET
    expect([hashAddress(secret, '127.0.0.1'), hashAddress(secret, '::ffff:127.0.0.1')]).toContain(saved.ipHash)
  })

  it('stops everything on Ctrl-C, the database included', async () => {
    process.kill(-server.pid!, 'SIGINT')
    const deadline = Date.now() + 30_000
    while (exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(exitCode).not.toBeNull()
    expect(output).toContain('[newsroom] Embedded Postgres stopped.')
    expect(await pidsMentioning(root)).toEqual([])
    expect(await portIsOpen()).toBe(false)
  }, 40_000)
})
