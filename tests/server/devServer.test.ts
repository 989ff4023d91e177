import { chmod, mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { hashAddress } from '../../plugins/comments'
import { SOCKET_ADDRESS_HEADER } from '../../src/http/clientAddress'
import { readEnvironment } from '../../src/environment'
import { startAppServer, STARTUP_TIMEOUT, type AppServer } from '../helpers/appServer'
import { pidsMentioning } from '../helpers/processes'

const ADMIN = { email: 'smoke-admin@example.com', password: 'smoke-password-1' }

let root: string
let server: AppServer

const url = (pathname: string) => server.url(pathname)

function portIsOpen(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(server.port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-smoke-'))
  await chmod(root, 0o755)
  server = await startAppServer({
    EMBEDDED_POSTGRES_DIR: path.join(root, 'postgres'),
    MEDIA_DIR: path.join(root, 'media'),
    SEED_DEMO: 'true',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  })
}, STARTUP_TIMEOUT + 10_000)

afterAll(async () => {
  server?.kill()
  await rm(root, { recursive: true, force: true })
})

describe('npm run dev on the embedded database', () => {
  it('prints the reader site’s, the admin’s, REST and GraphQL URLs', () => {
    expect(server.output()).toContain(`Reader site: http://localhost:${server.port}/`)
    expect(server.output()).toContain(`Admin panel: http://localhost:${server.port}/admin`)
    expect(server.output()).toContain(`REST API:    http://localhost:${server.port}/api`)
    expect(server.output()).toContain(`GraphQL:     http://localhost:${server.port}/api/graphql`)
  })

  it('opens onto the reader site’s front page, the seeded stories in its HTML', async () => {
    const response = await fetch(url('/'))
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('<title>The Newsroom</title>')
    expect(html).toContain('Budget debate: Raman sets aside money for flood defences')
    const feed = await fetch(url('/feed.xml'))
    expect(feed.headers.get('content-type')).toContain('application/rss+xml')
    expect(await feed.text()).toContain('<rss version="2.0"')
  }, 180_000)

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
    expect(decodeURIComponent(response.headers.get('location') ?? '')).toContain(
      'where[or][0][and][0][status][equals]=pending&sort=createdAt',
    )
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
      body: JSON.stringify({
        article: latest.id,
        authorName: 'Smoke',
        authorEmail: 'smoke@example.com',
        body: 'Hello from the smoke test',
      }),
    })
    expect(posted.status).toBe(201)
    const { doc } = await posted.json()
    const login = await (
      await fetch(url('/api/users/login'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(ADMIN),
      })
    ).json()
    const saved = await (
      await fetch(url(`/api/comments/${doc.id}`), { headers: { authorization: `JWT ${login.token}` } })
    ).json()
    const secret = readEnvironment({}).PAYLOAD_SECRET
    expect([hashAddress(secret, '127.0.0.1'), hashAddress(secret, '::ffff:127.0.0.1')]).toContain(saved.ipHash)
  })

  it('stops everything on Ctrl-C, the database included', async () => {
    process.kill(-server.process.pid!, 'SIGINT')
    const deadline = Date.now() + 30_000
    while (server.exitCode() === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100))
    expect(server.exitCode()).not.toBeNull()
    expect(server.output()).toContain('[newsroom] Embedded Postgres stopped.')
    expect(await pidsMentioning(root)).toEqual([])
    expect(await portIsOpen()).toBe(false)
  }, 40_000)
})
