/**
 * The admin panel of a project that installed the plugin: the import map names the panel by package path
 * (`payload-plugin-more-on/client#MoreOnPanel`), Next resolves it from node_modules, and the pages answer.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import net from 'node:net'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'

const appDir = path.resolve(import.meta.dirname, '..')
let server: ChildProcess | undefined
let output = ''
let base = ''

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const probe = net.createServer()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo
      probe.close(() => resolve(port))
    })
  })

beforeAll(async () => {
  const name = `blog_admin_${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: `${process.env.DEV_DATABASE_SERVER}/postgres` })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  const port = await freePort()
  base = `http://127.0.0.1:${port}`
  const { NODE_OPTIONS: _nodeOptions, ...env } = process.env
  server = spawn('npx', ['next', 'dev', '--port', String(port), '--hostname', '127.0.0.1'], {
    cwd: appDir,
    env: {
      ...env,
      NODE_ENV: 'development',
      DATABASE_URI: `${process.env.DEV_DATABASE_SERVER}/${name}`,
      NEXT_TELEMETRY_DISABLED: '1',
    },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  server.stdout!.on('data', (chunk) => (output += chunk))
  server.stderr!.on('data', (chunk) => (output += chunk))
  const deadline = Date.now() + 120_000
  while (
    !(await fetch(`${base}/api/users/me`).then(
      (answer) => answer.status < 500,
      () => false,
    ))
  ) {
    if (Date.now() > deadline || server.exitCode !== null) throw new Error(`next dev did not start:\n${output}`)
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}, 180_000)

afterAll(() => {
  if (server?.pid && server.exitCode === null) process.kill(-server.pid, 'SIGKILL')
})

describe('the admin panel with the plugin installed', () => {
  it('names the panel by package path in the import map', async () => {
    const importMap = await readFile(path.join(appDir, 'src/app/(payload)/admin/importMap.js'), 'utf8')
    expect(importMap).toContain("from 'payload-plugin-more-on/client'")
    expect(importMap).toContain('"payload-plugin-more-on/client#MoreOnPanel"')
  })

  it('serves /admin', async () => {
    const answer = await fetch(`${base}/admin`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toContain('text/html')
  })

  it('serves a post’s edit view, which loads the "More on" panel from the package', async () => {
    const credentials = { email: 'admin@example.com', password: 'admin-password-1' }
    const registered = await fetch(`${base}/api/users/first-register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, confirmPassword: credentials.password }),
    })
    expect(registered.status).toBe(200)
    const { token } = (await registered.json()) as { token: string }
    const page = await fetch(`${base}/admin/collections/posts/create`, {
      headers: { cookie: `payload-token=${token}` },
    })
    expect(page.status).toBe(200)
    const html = await page.text()
    // The edit form is drawn in the browser: the page's flight data names the panel's client module, resolved from the
    // package's dist (through node_modules once installed, through the workspace here), and one of the chunks it
    // loads holds that module, compiled.
    const panelModule = /(payload-plugin-more-on|plugins\/more-on)\/dist\/components\/MoreOnPanel\.js/
    expect(html).toMatch(panelModule)
    const chunks = [...new Set(html.match(/\/_next\/static\/chunks\/[^"\\]+\.js/g) ?? [])]
    const sources = await Promise.all(chunks.map(async (chunk) => (await fetch(`${base}${chunk}`)).text()))
    expect(sources.some((source) => panelModule.test(source) && source.includes('MoreOnPanel'))).toBe(true)
    expect(output).not.toMatch(/Module not found|Unknown module type|Can't resolve 'payload-plugin-more-on/)
  })
})
