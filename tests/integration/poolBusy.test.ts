/**
 * The pool under load: many saves at once must all answer, a request that cannot get a connection fails in time with
 * a clear error, and Postgres' own timeouts are set. (Before, about ten saves at once hung the server for good.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { within } from '../helpers/concurrency'
import { makeArticle } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

describe('a request that cannot get a connection', () => {
  let newsroom: TestNewsroom
  beforeAll(async () => {
    // Three connections: one may be held by a transaction, two serve single queries.
    newsroom = await startTestNewsroom({ pool: { max: 3, connectionTimeoutMs: 1_000 } })
  })
  afterAll(async () => newsroom?.destroy())

  it('fails in time with a 503 that says so, and the next one goes through', async () => {
    const token = await newsroom.tokenFor('editor')
    const article = await makeArticle(newsroom.payload)
    const adapter = newsroom.payload.db as unknown as PostgresAdapter
    const held = await adapter.beginTransaction()
    const started = Date.now()
    const refused = await within(
      10_000,
      newsroom.rest('PATCH', `/articles/${article.id}`, { token, body: { title: 'Waits' } }),
      'a save',
    )
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(refused.status).toBe(503)
    expect(refused.body.errors[0].message).toMatch(/The database is busy: no connection was free within 1 s/)
    expect((await newsroom.rest('GET', `/articles/${article.id}`)).status).toBe(200)
    await adapter.rollbackTransaction(held!)
    expect(
      (await newsroom.rest('PATCH', `/articles/${article.id}`, { token, body: { title: 'Goes through' } })).status,
    ).toBe(200)
  })
})
