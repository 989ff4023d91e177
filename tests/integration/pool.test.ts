/**
 * The pool under load: many saves at once must all answer, a request that cannot get a connection fails in time with
 * a clear error, and Postgres' own timeouts are set. (Before, about ten saves at once hung the server for good.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import { createLocalReq } from 'payload'

import { database, within } from '../helpers/concurrency'
import { makeArticle, makeSection, makeTag } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

describe('the connection pool under load', () => {
  let newsroom: TestNewsroom
  beforeAll(async () => {
    newsroom = await startTestNewsroom({
      pool: { max: 10, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 2_000 },
    })
  })
  afterAll(async () => newsroom?.destroy())

  it('answers 30 concurrent editor saves of 30 articles, each with a 200', async () => {
    const token = await newsroom.tokenFor('editor')
    const tag = await makeTag(newsroom.payload)
    const section = (await makeSection(newsroom.payload)).id
    const articles = []
    for (let index = 0; index < 30; index++)
      articles.push(await makeArticle(newsroom.payload, { section, tags: [tag.id] }))
    const saves = articles.map((article, index) =>
      newsroom.rest('PATCH', `/articles/${article.id}`, { token, body: { title: `Saved at once ${index}` } }),
    )
    const answers = await within(60_000, Promise.all(saves), '30 concurrent saves')
    expect(answers.map((answer) => answer.status)).toEqual(articles.map(() => 200))
    // Public reads answer during and after.
    expect((await within(10_000, newsroom.rest('GET', '/articles?limit=1'), 'a public read')).status).toBe(200)
  })

  it('sets the statement and idle-in-transaction timeouts on every connection', async () => {
    const { rows } = await database(newsroom).execute(
      sql`SELECT current_setting('statement_timeout') AS statement,
        current_setting('idle_in_transaction_session_timeout') AS idle`,
    )
    expect(rows[0]).toEqual({ statement: '15s', idle: '2s' })
  })

  it('a COMMIT that fails is an error, never answered as a write that was stored', async () => {
    const adapter = newsroom.payload.db as unknown as PostgresAdapter
    const id = await adapter.beginTransaction()
    const req = await createLocalReq({}, newsroom.payload)
    req.transactionID = id!
    const name = `Never committed ${Date.now()}`
    await newsroom.payload.create({ collection: 'tags', data: { name, kind: 'topic' }, req, overrideAccess: true })
    const { rows } = await adapter.sessions[String(id)]!.db.execute(sql`SELECT pg_backend_pid() AS pid`)
    // The connection is lost before the COMMIT reaches Postgres (as when the database restarts under a save).
    await database(newsroom).execute(sql`SELECT pg_terminate_backend(${(rows[0] as { pid: number }).pid})`)
    await expect(adapter.commitTransaction(id!)).rejects.toThrow()
    const { totalDocs } = await newsroom.payload.count({ collection: 'tags', where: { name: { equals: name } } })
    expect(totalDocs).toBe(0)
  })

  it('ends a transaction left idle, and its connection serves again', async () => {
    const adapter = newsroom.payload.db as unknown as PostgresAdapter
    const id = await adapter.beginTransaction()
    const session = adapter.sessions[String(id)]!
    const { rows } = await session.db.execute(sql`SELECT pg_backend_pid() AS pid`)
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    const alive = await database(newsroom).execute(
      sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = ${(rows[0] as { pid: number }).pid}`,
    )
    expect(alive.rows[0]).toEqual({ n: 0 })
    await adapter.rollbackTransaction(id!).catch(() => {})
    const token = await newsroom.tokenFor('editor')
    const article = await makeArticle(newsroom.payload)
    expect(
      (
        await within(
          10_000,
          newsroom.rest('PATCH', `/articles/${article.id}`, { token, body: { title: 'After' } }),
          'a save',
        )
      ).status,
    ).toBe(200)
  })
})
