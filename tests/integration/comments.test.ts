import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { handleEndpoints } from 'payload'

import { hashAddress } from '../../plugins/comments'
import { SOCKET_ADDRESS_HEADER } from '../../src/http/clientAddress'
import type { Article } from '../../src/payload-types'
import { makeArticle, makeSection } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

const SECRET = 'test-secret-for-the-newsroom-suite'
const DAY = 86_400_000

let newsroom: TestNewsroom
let moderator: string
let admin: string
let sectionId: number
let open: Article
let serial = 0

beforeAll(async () => {
  newsroom = await startTestNewsroom()
  moderator = await newsroom.tokenFor('moderator')
  admin = await newsroom.tokenFor('admin')
  sectionId = (await makeSection(newsroom.payload)).id
  open = await article()
})
afterAll(() => newsroom?.destroy())

const article = (extra: Partial<Article> = {}) =>
  makeArticle(newsroom.payload, { section: sectionId, ...extra } as never)

/**
 * A reader with an address and an email of their own, so limits and first-comment holds are under the test's control.
 */
const reader = () => {
  serial++
  return {
    address: `203.0.113.${serial % 250}:${serial}`,
    email: `reader${serial}@example.com`,
    name: `Reader ${serial}`,
  }
}
type Reader = ReturnType<typeof reader>

const post = (who: Reader, body: Record<string, unknown>) =>
  newsroom.rest('POST', '/comments', {
    headers: { [SOCKET_ADDRESS_HEADER]: who.address },
    body: { authorName: who.name, authorEmail: who.email, article: open.id, body: `Hello from ${who.name}`, ...body },
  })

const stored = (id: number) => newsroom.payload.findByID({ collection: 'comments', id, overrideAccess: true, depth: 0 })
const approve = (id: number) =>
  newsroom.rest('PATCH', `/comments/${id}`, { token: moderator, body: { status: 'approved' } })
const commentCount = async (id: number) =>
  (await newsroom.payload.findByID({ collection: 'articles', id, overrideAccess: true, depth: 0 })).commentCount
const errorsOf = (body: any) => (body.errors ?? []).flatMap((error: any) => error.data?.errors ?? [])
const countComments = async () =>
  (await newsroom.payload.count({ collection: 'comments', overrideAccess: true })).totalDocs

/** A reader whose email already has an approved comment, so post-moderation publishes at once. */
async function knownReader(): Promise<Reader> {
  const who = reader()
  const first = await post(who, { body: `First words of ${who.name}` })
  await approve(first.body.doc.id)
  return who
}

/** Bursts of requests must not straddle a minute boundary, where the per-minute window starts again. */
async function awayFromMinuteEdge() {
  const intoMinute = Date.now() % 60_000
  if (intoMinute > 55_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200))
}

describe('posting', () => {
  it('a reader posts without an account; the 201 says the state; a first comment waits, the next publish', async () => {
    const who = reader()
    const first = await post(who, {})
    expect(first.status).toBe(201)
    expect(first.body.doc.status).toBe('pending')
    expect((await stored(first.body.doc.id)).heldFor).toBe('first comment from this email')
    await approve(first.body.doc.id)
    const second = await post(who, { body: 'Another thought' })
    expect(second.body.doc.status).toBe('approved')
  })

  it('server-owned fields can never be set by the caller (REST create)', async () => {
    const who = reader()
    const sneaky = await post(who, {
      status: 'approved',
      ipHash: 'forged',
      reportCount: 99,
      approvedBy: 1,
      heldFor: 'none',
      depth: 3,
      createdAt: '2001-01-01T00:00:00.000Z',
    })
    expect(sneaky.status).toBe(201)
    const saved = await stored(sneaky.body.doc.id)
    expect(saved).toMatchObject({
      status: 'pending',
      reportCount: 0,
      approvedBy: null,
      depth: 1,
      ipHash: hashAddress(SECRET, who.address),
    })
    expect(Date.parse(saved.createdAt)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('server-owned fields can never be set by the caller (GraphQL createComment)', async () => {
    const who = reader()
    const mutation = `mutation($data: mutationCommentInput!) { createComment(data: $data) { id status } }`
    const result = await newsroom.graphql(
      mutation,
      {
        data: {
          article: open.id,
          authorName: who.name,
          authorEmail: who.email,
          body: 'Via GraphQL',
          status: 'approved',
          reportCount: 50,
          website: '',
        },
      },
      undefined,
      { [SOCKET_ADDRESS_HEADER]: who.address },
    )
    expect(result.body.errors).toBeUndefined()
    expect(result.body.data.createComment.status).toBe('pending')
    expect((await stored(Number(result.body.data.createComment.id))).reportCount).toBe(0)
  })

  it('bad input through GraphQL names the field, and stores nothing', async () => {
    const before = await countComments()
    const result = await newsroom.graphql(
      `mutation {
        createComment(data: { article: ${open.id}, authorName: "Sam", authorEmail: "nope", body: "Hi" }) { id }
      }`,
    )
    expect(result.body.errors[0].extensions).toMatchObject({
      statusCode: 400,
      data: { errors: [{ path: 'authorEmail', message: 'authorEmail must be a valid email address' }] },
    })
    expect(await countComments()).toBe(before)
  })

  it('readers cannot update comments, one by one or in bulk', async () => {
    const who = await knownReader()
    const mine = (await post(who, { body: 'Editable?' })).body.doc
    expect(
      (await newsroom.rest('PATCH', `/comments/${mine.id}`, { body: { body: 'Changed', status: 'approved' } })).status,
    ).toBe(403)
    const bulk = await newsroom.rest('PATCH', `/comments?where[id][equals]=${mine.id}`, { body: { status: 'spam' } })
    expect(bulk.status).toBe(403)
    expect((await stored(mine.id)).body).toBe('Editable?')
  })

  it.each([
    [{ authorName: '' }, 'authorName', 'authorName is required'],
    [{ authorName: 'x'.repeat(81) }, 'authorName', 'authorName must be at most 80 characters'],
    [{ authorEmail: 'not-an-email' }, 'authorEmail', 'authorEmail must be a valid email address'],
    [{ body: '   \u0007  ' }, 'body', 'body is required'],
    [{ body: 'x'.repeat(3001) }, 'body', 'body must be at most 3000 characters'],
    [{ article: 'abc' }, 'article', 'article must be the id of an article: a whole number from 1 to 2147483647'],
    [{ parent: 'x' }, 'parent', 'parent must be the id of a comment: a whole number from 1 to 2147483647'],
  ])('bad input %j is a 400 naming the field, and stores nothing', async (input, path, message) => {
    const before = await countComments()
    const response = await post(reader(), input)
    expect(response.status).toBe(400)
    expect(errorsOf(response.body)).toContainEqual({ path, message })
    expect(await countComments()).toBe(before)
  })

  it('3000 characters are accepted, after trimming; control characters are removed, a NUL is refused', async () => {
    const who = reader()
    const long = await post(who, { body: `  ${'y'.repeat(3000)}  ` })
    expect(long.status).toBe(201)
    expect((await stored(long.body.doc.id)).body).toHaveLength(3000)
    const controlled = await post(reader(), { body: 'Bell\u0007 and\u202e reversed\nnew line' })
    expect((await stored(controlled.body.doc.id)).body).toBe('Bell and reversed\nnew line')
    const before = await countComments()
    const nul = await post(reader(), { body: 'A NUL\u0000 here' })
    expect(nul.status).toBe(400)
    expect(nul.body.errors[0]).toEqual({ field: 'body', message: 'body must not contain a NUL character' })
    expect(await countComments()).toBe(before)
  })

  it('markup comes back as the same literal text; emoji and right-to-left text round-trip', async () => {
    const who = await knownReader()
    for (const text of [
      '<script>alert("x")</script>',
      '<img src=x onerror=alert(1)>',
      'Great 👍🏽 story — مرحبا بالعالم',
      'שלום עולם',
    ]) {
      const created = await post(who, { body: text })
      expect(created.status).toBe(201)
      const read = await newsroom.rest('GET', `/comments/${created.body.doc.id}`)
      expect(read.body.body).toBe(text)
      const gql = await newsroom.graphql(`{ Comment(id: ${created.body.doc.id}) { body } }`)
      expect(gql.body.data.Comment.body).toBe(text)
    }
  })
})

describe('threads', () => {
  it('replies nest to depth 3; a reply to a depth-3 comment is attached at depth 3', async () => {
    const who = await knownReader()
    const one = (await post(who, { body: 'Level one' })).body.doc
    const two = (await post(who, { body: 'Level two', parent: one.id })).body.doc
    const three = (await post(who, { body: 'Level three', parent: two.id })).body.doc
    const four = (await post(who, { body: 'Level four?', parent: three.id })).body.doc
    expect([(await stored(one.id)).depth, (await stored(two.id)).depth, (await stored(three.id)).depth]).toEqual([
      1, 2, 3,
    ])
    expect(await stored(four.id)).toMatchObject({ depth: 3, parent: two.id })
  })

  it('a parent must be a published comment on the same article', async () => {
    const who = await knownReader()
    const elsewhere = await article()
    const other = (await post(who, { body: 'On another article', article: elsewhere.id })).body.doc
    const refused = await post(who, { body: 'Crossing over', parent: other.id })
    expect(refused.status).toBe(400)
    expect(errorsOf(refused.body)).toEqual([
      { path: 'parent', message: 'parent must be a published comment on the same article' },
    ])
  })

  it('GET /api/articles/:id/comments: approved comments newest first, their approved replies in order', async () => {
    const story = await article()
    const readers = [await knownReader(), await knownReader()]
    let turn = 0
    const say = async (body: string, parent?: number) =>
      (await post(readers[turn++ % 2]!, { article: story.id, body, parent })).body.doc
    const older = await say('Older top-level')
    const newer = await say('Newer top-level')
    const reply1 = await say('First reply', older.id)
    const reply2 = await say('Second reply', older.id)
    const nested = await say('Reply to the reply', reply1.id)
    await newsroom.rest('PATCH', `/comments/${reply2.id}`, { token: moderator, body: { status: 'rejected' } })
    const held = await post(reader(), { article: story.id, body: 'Held for moderation' })
    expect(held.body.doc.status).toBe('pending')

    const thread = await newsroom.rest('GET', `/articles/${story.id}/comments?limit=10`)
    expect(thread.status).toBe(200)
    expect(thread.body).toMatchObject({ totalDocs: 2, page: 1, limit: 10, totalPages: 1, hasNextPage: false })
    expect(thread.body.docs.map((doc: any) => doc.id)).toEqual([newer.id, older.id])
    const [, first] = thread.body.docs
    expect(first.replies.map((doc: any) => doc.id)).toEqual([reply1.id])
    expect(first.replies[0].replies.map((doc: any) => doc.id)).toEqual([nested.id])
    expect(JSON.stringify(thread.body)).not.toMatch(/authorEmail|ipHash|Held for moderation|Second reply/)
    const paged = await newsroom.rest('GET', `/articles/${story.id}/comments?limit=1&page=2`)
    expect(paged.body.docs.map((doc: any) => doc.id)).toEqual([older.id])
    expect((await newsroom.rest('GET', `/articles/${story.id}/comments?limit=0`)).status).toBe(400)
    expect((await newsroom.rest('GET', '/articles/999999/comments')).status).toBe(404)
  })
})

describe('moderation rules', () => {
  it('pre-moderation: every comment waits, even from a known commenter', async () => {
    const pre = await article({ discussion: { status: 'open', moderation: 'pre', autoCloseDays: 14 } })
    const who = await knownReader()
    const response = await post(who, { article: pre.id })
    expect(response.body.doc.status).toBe('pending')
    expect((await stored(response.body.doc.id)).heldFor).toBe('pre-moderation')
  })

  it.each([
    ['two links', 'See https://one.example and http://two.example', 'pending', 'two or more links'],
    ['a suspect word', 'Try my Casino tonight', 'pending', 'suspect word "casino"'],
    ['a banned word', 'You can buy followers here', 'spam', 'banned word "buy followers"'],
  ])('%s', async (_, body, status, reason) => {
    const who = await knownReader()
    const response = await post(who, { body })
    expect(response.status).toBe(201)
    expect(response.body.doc.status).toBe(status)
    expect((await stored(response.body.doc.id)).heldFor).toBe(reason)
  })

  it('a filled honeypot is stored as spam and the reader is told', async () => {
    const response = await post(await knownReader(), { website: 'http://spam.example' })
    expect(response.status).toBe(201)
    expect(response.body.doc.status).toBe('spam')
  })

  it('the same body from the same email on the same article within 10 minutes is a 409', async () => {
    const who = await knownReader()
    expect((await post(who, { body: 'Say it once' })).status).toBe(201)
    const again = await post({ ...who, address: '198.51.100.7:1' }, { body: '  Say it once ' })
    expect(again.status).toBe(409)
    expect(again.body.errors[0].message).toBe('You have already posted this comment')
  })

  it('closed, auto-closed and unpublished articles take no comments', async () => {
    const closed = await article({ discussion: { status: 'closed', moderation: 'post', autoCloseDays: 14 } })
    const old = await article({ publishedAt: new Date(Date.now() - 20 * DAY).toISOString() })
    const neverCloses = await article({
      publishedAt: new Date(Date.now() - 400 * DAY).toISOString(),
      discussion: { status: 'open', moderation: 'post', autoCloseDays: 0 },
    })
    const draft = await article({ _status: 'draft' } as never)
    for (const target of [closed, old]) {
      const response = await post(reader(), { article: target.id })
      expect(response.status).toBe(403)
      expect(response.body.errors[0].message).toBe('Comments are closed for this article')
    }
    expect((await post(reader(), { article: neverCloses.id })).status).toBe(201)
    expect((await post(reader(), { article: draft.id })).status).toBe(404)
    expect((await post(reader(), { article: 999_999 })).status).toBe(404)
  })
})

describe('rate limits', () => {
  it('20 parallel posts from one address: 5 get through, the rest are 429 with Retry-After', async () => {
    await awayFromMinuteEdge()
    const address = `192.0.2.1:${Date.now()}`
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        post({ address, email: `burst${index}-${Date.now()}@example.com`, name: 'Burst' }, { body: `Burst ${index}` }),
      ),
    )
    const statuses = responses.map((response) => response.status)
    expect(statuses.filter((status) => status === 201)).toHaveLength(5)
    expect(statuses.filter((status) => status === 429)).toHaveLength(15)
    const limited = responses.find((response) => response.status === 429)!
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
  })

  it('the limit also holds per email, whatever the address', async () => {
    await awayFromMinuteEdge()
    const email = `one-email-${Date.now()}@example.com`
    const statuses = []
    for (let index = 0; index < 6; index++)
      statuses.push(
        (await post({ address: `192.0.2.${10 + index}:9`, email, name: 'Mover' }, { body: `From place ${index}` }))
          .status,
      )
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429])
  })

  it('two app instances on one database share the counters', async () => {
    await awayFromMinuteEdge()
    const second = await startTestNewsroom({
      databaseURI: (newsroom.payload.db as any).poolOptions.connectionString,
      instanceKey: 'second-instance',
    })
    try {
      const address = `192.0.2.99:${Date.now()}`
      const send = (key: string | undefined, index: number) =>
        handleEndpoints({
          config: newsroom.config,
          payloadInstanceCacheKey: key,
          request: new Request('http://localhost:3000/api/comments', {
            method: 'POST',
            headers: { 'content-type': 'application/json', [SOCKET_ADDRESS_HEADER]: address },
            body: JSON.stringify({
              article: open.id,
              authorName: 'Twin',
              authorEmail: `twin${index}-${Date.now()}@example.com`,
              body: `Twin ${index}`,
            }),
          }),
        })
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, index) => send(index % 2 ? 'second-instance' : undefined, index)),
      )
      expect(responses.filter((response) => response.status === 201)).toHaveLength(5)
    } finally {
      await second.destroy()
    }
  })

  it('expired windows are swept', async () => {
    const { pool } = newsroom.payload.db as any
    await pool.query(`INSERT INTO rate_limits (key, window_start, count, expires_at, updated_at, created_at)
                      VALUES ('stale|minute', now() - interval '2 hours', 3, now() - interval '1 hour', now(), now())`)
    await post(reader(), { body: 'Sweep' })
    expect((await pool.query(`SELECT count(*)::int AS n FROM rate_limits WHERE key = 'stale|minute'`)).rows[0].n).toBe(
      0,
    )
  })

  it('without TRUSTED_PROXY, X-Forwarded-For is ignored: the connection address counts', async () => {
    const who = reader()
    const response = await newsroom.rest('POST', '/comments', {
      headers: { [SOCKET_ADDRESS_HEADER]: who.address, 'x-forwarded-for': '10.9.9.9' },
      body: { article: open.id, authorName: who.name, authorEmail: who.email, body: 'Forwarded?' },
    })
    expect((await stored(response.body.doc.id)).ipHash).toBe(hashAddress(SECRET, who.address))
  })
})

describe('reports', () => {
  it('three reports from different readers send an approved comment back to the queue', async () => {
    const who = await knownReader()
    const story = await article()
    const comment = (await post(who, { article: story.id, body: 'Controversial' })).body.doc
    expect(await commentCount(story.id)).toBe(1)
    const report = (address: string, reason = 'abuse') =>
      newsroom.rest('POST', `/comments/${comment.id}/report`, {
        headers: { [SOCKET_ADDRESS_HEADER]: address },
        body: { reason },
      })
    expect((await report('198.51.100.1:1', 'rude')).status).toBe(400)
    expect((await report('198.51.100.1:1')).status).toBe(202)
    expect((await report('198.51.100.1:1')).status).toBe(202)
    expect((await stored(comment.id)).reportCount).toBe(1)
    expect((await report('198.51.100.2:1', 'spam')).status).toBe(202)
    expect((await stored(comment.id)).status).toBe('approved')
    expect((await report('198.51.100.3:1', 'off-topic')).status).toBe(202)
    expect(await stored(comment.id)).toMatchObject({ status: 'pending', reportCount: 3 })
    expect(await commentCount(story.id)).toBe(0)
    expect((await report('198.51.100.4:1')).status).toBe(404)
  })
})

describe('privacy', () => {
  it('the public cannot find unapproved comments or emails by probing', async () => {
    const who = reader()
    const hidden = (await post(who, { body: 'Awaiting moderation' })).body.doc
    expect(hidden.status).toBe('pending')
    expect((await newsroom.rest('GET', `/comments/${hidden.id}`)).status).toBe(404)
    expect((await newsroom.rest('GET', `/comments?where[status][equals]=pending`)).body.totalDocs).toBe(0)
    expect((await newsroom.rest('GET', `/comments/count?where[id][equals]=${hidden.id}`)).body.totalDocs).toBe(0)
    for (const field of ['authorEmail', 'ipHash', 'reportCount', 'heldFor']) {
      const probe = await newsroom.rest('GET', `/comments?where[${field}][exists]=true`)
      expect(probe.status === 400 || probe.status === 403 || probe.body.totalDocs === 0).toBe(true)
      const sorted = await newsroom.rest('GET', `/comments?sort=${field}`)
      expect(JSON.stringify(sorted.body)).not.toMatch(/@example\.com|"ipHash":"|"reportCount":/)
    }
    const byEmail = await newsroom.rest('GET', `/comments?where[authorEmail][equals]=${encodeURIComponent(who.email)}`)
    expect(byEmail.status === 400 || byEmail.status === 403 || byEmail.body.totalDocs === 0).toBe(true)
    const gql = await newsroom.graphql(
      `{ Comments(where: { status: { equals: pending } }) { totalDocs docs { body } } }`,
    )
    expect(JSON.stringify(gql.body)).not.toContain('Awaiting moderation')
    const gqlEmail = await newsroom.graphql(`{ Comments { docs { authorEmail ipHash } } }`)
    expect(JSON.stringify(gqlEmail.body)).not.toContain('@example.com')
    const deep = await newsroom.rest('GET', `/comments?depth=2&limit=100`)
    expect(JSON.stringify(deep.body)).not.toMatch(/authorEmail|ipHash|Awaiting moderation/)
  })

  it('approved comments of an article the public cannot read are hidden too', async () => {
    const story = await article()
    const who = await knownReader()
    const comment = (await post(who, { article: story.id, body: 'Before the unpublish' })).body.doc
    await newsroom.payload.update({
      collection: 'articles',
      id: story.id,
      data: { _status: 'draft' },
      overrideAccess: true,
    })
    expect((await newsroom.rest('GET', `/comments/${comment.id}`)).status).toBe(404)
    expect((await newsroom.rest('GET', `/articles/${story.id}/comments`)).status).toBe(404)
  })

  it('admins export and erase every comment by an email; the thread keeps its shape', async () => {
    const who = await knownReader()
    const story = await article()
    const top = (await post(who, { article: story.id, body: 'My personal view' })).body.doc
    const other = await knownReader()
    const reply = (await post(other, { article: story.id, body: 'A reply', parent: top.id })).body.doc

    expect((await newsroom.rest('GET', `/comments/by-email?email=${who.email}`)).status).toBe(401)
    expect((await newsroom.rest('GET', `/comments/by-email?email=${who.email}`, { token: moderator })).status).toBe(403)
    expect((await newsroom.rest('GET', '/comments/by-email?email=nope', { token: admin })).status).toBe(400)
    const exported = await newsroom.rest('GET', `/comments/by-email?email=${who.email.toUpperCase()}`, { token: admin })
    expect(exported.status).toBe(200)
    expect(exported.body.comments.map((comment: any) => comment.body)).toEqual([
      `First words of ${who.name}`,
      'My personal view',
    ])
    expect(exported.body.comments[0].authorEmail).toBe(who.email)

    expect(
      (await newsroom.rest('POST', '/comments/erase', { token: moderator, body: { email: who.email } })).status,
    ).toBe(403)
    const erased = await newsroom.rest('POST', '/comments/erase', { token: admin, body: { email: who.email } })
    expect(erased.body.erased).toBe(2)
    expect(await stored(top.id)).toMatchObject({ authorName: '[removed]', body: '[removed]', ipHash: null })
    expect((await stored(top.id)).authorEmail).not.toContain(who.email)
    expect(await stored(reply.id)).toMatchObject({ parent: top.id, body: 'A reply' })
    expect(
      (await newsroom.rest('GET', `/comments/by-email?email=${who.email}`, { token: admin })).body.comments,
    ).toEqual([])
  })
})

describe('counts and deletes', () => {
  it('commentCount follows approve, reject and delete', async () => {
    const story = await article()
    const who = reader()
    const first = (await post(who, { article: story.id })).body.doc
    expect(await commentCount(story.id)).toBe(0)
    await approve(first.id)
    expect(await commentCount(story.id)).toBe(1)
    const second = (await post(who, { article: story.id, body: 'More' })).body.doc
    expect(await commentCount(story.id)).toBe(2)
    await newsroom.rest('PATCH', `/comments/${second.id}`, { token: moderator, body: { status: 'rejected' } })
    expect(await commentCount(story.id)).toBe(1)
    await newsroom.rest('DELETE', `/comments/${first.id}`, { token: moderator })
    expect(await commentCount(story.id)).toBe(0)
  })

  it('the admin panel’s articles list, which reads the latest versions, shows and sorts by that count', async () => {
    const story = await article()
    const quiet = await article()
    const comment = (await post(reader(), { article: story.id })).body.doc
    await approve(comment.id)
    const listed = async (sort: string) =>
      (
        await newsroom.rest('GET', `/articles?draft=true&where[id][in]=${story.id},${quiet.id}&sort=${sort}&depth=0`, {
          token: moderator,
        })
      ).body.docs.map((doc: Article) => [doc.id, doc.commentCount])
    expect(await listed('-commentCount')).toEqual([
      [story.id, 1],
      [quiet.id, 0],
    ])
    expect(await listed('commentCount')).toEqual([
      [quiet.id, 0],
      [story.id, 1],
    ])
  })

  it('approving records the moderator; an edit by anyone but a moderator is re-moderated', async () => {
    const story = await article()
    const comment = (await post(reader(), { article: story.id })).body.doc
    await approve(comment.id)
    const me = (await newsroom.rest('GET', '/users/me', { token: moderator })).body.user
    expect((await stored(comment.id)).approvedBy).toBe(me.id)
    await newsroom.rest('PATCH', `/comments/${comment.id}`, {
      token: moderator,
      body: { body: 'Typo fixed by a moderator' },
    })
    expect((await stored(comment.id)).status).toBe('approved')
    await newsroom.rest('PATCH', `/comments/${comment.id}`, { token: admin, body: { body: 'Rewritten by an admin' } })
    expect((await stored(comment.id)).status).toBe('pending')
  })

  it('deleting a comment with replies keeps the replies under a "[removed]" placeholder', async () => {
    const story = await article()
    const who = await knownReader()
    const top = (await post(who, { article: story.id, body: 'To be deleted' })).body.doc
    const reply = (await post(who, { article: story.id, body: 'Still here', parent: top.id })).body.doc
    expect((await newsroom.rest('DELETE', `/comments/${top.id}`, { token: moderator })).status).toBe(200)
    const thread = await newsroom.rest('GET', `/articles/${story.id}/comments`)
    expect(thread.body.docs).toHaveLength(1)
    expect(thread.body.docs[0]).toMatchObject({ body: '[removed]', authorName: '[removed]' })
    expect(thread.body.docs[0].replies.map((doc: any) => doc.id)).toEqual([reply.id])
  })

  it('deleting an article deletes its comments', async () => {
    const story = await article()
    const who = await knownReader()
    await post(who, { article: story.id, body: 'Doomed' })
    const editor = await newsroom.tokenFor('editor')
    expect((await newsroom.rest('DELETE', `/articles/${story.id}`, { token: editor })).status).toBe(200)
    expect(
      (
        await newsroom.payload.count({
          collection: 'comments',
          where: { article: { equals: story.id } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })

  it('editors may close an article’s discussion', async () => {
    const story = await article()
    const editor = await newsroom.tokenFor('editor')
    await newsroom.rest('PATCH', `/articles/${story.id}`, { token: editor, body: { discussion: { status: 'closed' } } })
    expect((await post(reader(), { article: story.id })).status).toBe(403)
  })
})

describe('population from the article side', () => {
  it('an article’s comments join shows the public approved comments only, without private fields', async () => {
    const story = await article()
    const known = await knownReader()
    await post(known, { article: story.id, body: 'Visible on the article' })
    await post(reader(), { article: story.id, body: 'Waiting on the article' })
    const read = await newsroom.rest('GET', `/articles/${story.id}?depth=1`)
    expect(read.body.comments.docs.map((doc: any) => doc.body)).toEqual(['Visible on the article'])
    expect(JSON.stringify(read.body.comments)).not.toMatch(/@example\.com|"ipHash":"|Waiting on the article/)
    const gql = await newsroom.graphql(`{ Article(id: ${story.id}) { comments { docs { body } totalDocs } } }`)
    expect(JSON.stringify(gql.body)).not.toContain('Waiting on the article')
    const staff = await newsroom.rest('GET', `/articles/${story.id}?depth=1`, { token: moderator })
    expect(staff.body.comments.docs).toHaveLength(2)
  })
})
