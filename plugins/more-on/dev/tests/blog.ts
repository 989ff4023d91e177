/** The blog on a fresh database, reached through the Local API and Payload's real REST and GraphQL handlers. */
import { randomBytes } from 'node:crypto'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { GRAPHQL_POST, REST_DELETE, REST_GET, REST_PATCH, REST_POST } from '@payloadcms/next/routes'
import { getPayload, type Payload } from 'payload'
import pg from 'pg'

import { buildBlogConfig, type BlogOptions } from '../src/blogConfig'

export type Blog = {
  payload: Payload
  rest: (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    token?: string,
  ) => Promise<{ status: number; body: any }>
  /** A logged-in user's token. */
  login: () => Promise<string>
  graphql: (query: string, variables?: Record<string, unknown>) => Promise<{ status: number; body: any }>
  destroy: () => Promise<void>
}

async function createDatabase(): Promise<string> {
  const server = process.env.DEV_DATABASE_SERVER!
  const name = `blog_${randomBytes(4).toString('hex')}`
  const client = new pg.Client({ connectionString: `${server}/postgres` })
  await client.connect()
  await client.query(`CREATE DATABASE "${name}"`)
  await client.end()
  return `${server}/${name}`
}

const handlers = { GET: REST_GET, POST: REST_POST, PATCH: REST_PATCH, DELETE: REST_DELETE }

export async function startBlog(options: Omit<BlogOptions, 'databaseURI'> = {}): Promise<Blog> {
  const config = buildBlogConfig({ databaseURI: await createDatabase(), ...options })
  const payload = await getPayload({ config })
  const toAnswer = async (response: Response) => {
    const text = await response.text()
    try {
      return { status: response.status, body: JSON.parse(text) }
    } catch {
      return { status: response.status, body: text }
    }
  }
  const request = (method: string, url: string, body?: unknown, token?: string) =>
    new Request(url, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `JWT ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const rest: Blog['rest'] = async (method, path, body, token) => {
    const url = `http://localhost:3000/api${path}`
    const slug = new URL(url).pathname
      .replace(/^\/api\//, '')
      .split('/')
      .filter(Boolean)
    return toAnswer(
      await handlers[method](config)(request(method, url, body, token), { params: Promise.resolve({ slug }) }),
    )
  }
  return {
    payload,
    rest,
    login: async () => {
      const credentials = { email: 'cook@example.com', password: 'cook-password-1' }
      if ((await payload.count({ collection: 'users' })).totalDocs === 0)
        await payload.create({ collection: 'users', data: credentials })
      return (await rest('POST', '/users/login', credentials)).body.token
    },
    graphql: async (query, variables) =>
      toAnswer(await GRAPHQL_POST(config)(request('POST', 'http://localhost:3000/api/graphql', { query, variables }))),
    destroy: async () => {
      const pool = (payload.db as unknown as PostgresAdapter).pool as PostgresAdapter['pool'] & {
        _clients?: { release?: () => void }[]
      }
      await payload.destroy()
      // Payload's adapter keeps one pooled client checked out for good: give it back, or ending the pool waits forever.
      const ending = pool.end()
      for (const client of pool._clients ?? []) {
        try {
          client.release?.()
        } catch {
          // already idle
        }
      }
      await ending
    },
  }
}
