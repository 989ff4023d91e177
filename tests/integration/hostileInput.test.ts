import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { asReaderRequest } from '../../src/db/pool'
import { newsroomGraphQLRoute, newsroomRestRoutes } from '../../src/http/routes'
import { LIMITS } from '../../src/http/limits'
import type { Article, Comment } from '../../src/payload-types'
import { makeArticle, makeTag } from '../helpers/fixtures'
import { startTestNewsroom, TEST_PASSWORD, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let editor: string
let published: Article
let draft: Article
let approved: Comment
let pending: Comment
let spam: Comment
let approvedOnDraft: Comment

const comment = (article: Article, status: Comment['status'], authorEmail = 'reader@example.com') =>
  newsroom.payload.create({
    collection: 'comments',
    data: { article: article.id, authorName: 'A reader', authorEmail, body: `A ${status} comment`, status },
    overrideAccess: true,
  }) as Promise<Comment>

beforeAll(async () => {
  newsroom = await startTestNewsroom()
  editor = await newsroom.tokenFor('editor')
  const tag = await makeTag(newsroom.payload)
  published = await makeArticle(newsroom.payload, { tags: [tag.id] })
  draft = await makeArticle(newsroom.payload, { _status: 'draft' })
  approved = await comment(published, 'approved')
  pending = await comment(published, 'pending')
  spam = await comment(published, 'spam')
  approvedOnDraft = await comment(draft, 'approved')
})
afterAll(() => newsroom?.destroy())

const fieldOf = (body: any) => body.errors?.[0]?.field
const messageOf = (body: any) => String(body.errors?.[0]?.message ?? '')

describe('GraphQL: a cost model refuses costly queries before any work', () => {
  it('refuses a chain of fragments that expands exponentially', async () => {
    const chain = ['fragment F0 on Article { __typename }']
    for (let level = 1; level <= 21; level++)
      chain.push(`fragment F${level} on Article { ...F${level - 1} ...F${level - 1} }`)
    const answer = await newsroom.graphql(`query { Articles { docs { ...F21 } } } ${chain.join(' ')}`)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toContain(`more than ${LIMITS.graphQLFields} fields`)
  })

  it('refuses thousands of repeated fields, by size and by count', async () => {
    const long = await newsroom.graphql(`{ ${'__typename '.repeat(10_000)} }`)
    expect(long.status).toBe(400)
    expect(messageOf(long.body)).toContain(`longer than ${LIMITS.graphQLQueryChars} characters`)
    const many = await newsroom.graphql(`{ Articles { docs { ${'id '.repeat(LIMITS.graphQLFields)} } } }`)
    expect(many.status).toBe(400)
    expect(messageOf(many.body)).toContain(`more than ${LIMITS.graphQLFields} fields`)
  })

  it('refuses hundreds of aliases of one query, and too many top-level fields', async () => {
    const aliases = Array.from(
      { length: 300 },
      (_, index) => `a${index}: MoreOnArticle(id: ${published.id}) { docs { title } }`,
    )
    const answer = await newsroom.graphql(`{ ${aliases.join(' ')} }`)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toContain(`more than ${LIMITS.graphQLRootFields} top-level fields`)
    const nested = Array.from({ length: LIMITS.graphQLAliases + 1 }, (_, index) => `t${index}: title`)
    const aliased = await newsroom.graphql(`{ Articles { docs { ${nested.join(' ')} } } }`)
    expect(aliased.status).toBe(400)
    expect(messageOf(aliased.body)).toContain(`more than ${LIMITS.graphQLAliases} aliases`)
  })

  it('refuses selections nested too deep, and fragments that spread themselves', async () => {
    const nested = `${'createdBy { '.repeat(LIMITS.graphQLDepth)} id ${'} '.repeat(LIMITS.graphQLDepth)}`
    const deep = `{ Articles { docs { section { ${nested} } } } }`
    const answer = await newsroom.graphql(deep)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toContain(`more than ${LIMITS.graphQLDepth} deep`)
    const cycle = await newsroom.graphql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }')
    expect(cycle.status).toBe(400)
    expect(messageOf(cycle.body)).toContain('spreads itself')
  })

  it('answers malformed bodies with a 400 that says what is wrong', async () => {
    const { POST } = newsroomGraphQLRoute(newsroom.config)
    const send = (body: string) =>
      POST(
        new Request('http://localhost:3000/api/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        }),
      )
    for (const [body, field] of [
      ['{"query": ', 'body'],
      ['[1, 2]', 'body'],
      ['{"variables": {}}', 'query'],
      ['{"query": "{ Articles { docs { id } }", "variables": 3}', 'variables'],
      ['{"query": "{ Articles { "}', 'query'],
    ] as const) {
      const response = await send(body)
      expect(response.status).toBe(400)
      expect(fieldOf(await response.json())).toBe(field)
    }
  })

  it('bounds a where argument as REST bounds a where, written in the query or passed as a variable', async () => {
    const ors = Array.from({ length: 100 }, (_, index) => `{ title: { like: "x${index}" } }`).join(' ')
    const literal = await newsroom.graphql(`{ Articles(where: { OR: [${ors}] }) { totalDocs } }`)
    expect(literal.status).toBe(400)
    expect(messageOf(literal.body)).toBe(`where has more than ${LIMITS.whereClauses} conditions`)
    const where = { OR: Array.from({ length: 100 }, (_, index) => ({ title: { like: `x${index}` } })) }
    const variable = await newsroom.graphql(
      'query Find($where: Article_where) { Articles(where: $where) { totalDocs } }',
      { where },
    )
    expect(variable.status).toBe(400)
    const small = await newsroom.graphql(
      'query Find($where: Article_where) { Articles(where: $where) { totalDocs } }',
      { where: { OR: where.OR.slice(0, 5) } },
    )
    expect(small.status).toBe(200)
  })

  it('gives errors without data the status they carry', async () => {
    const missing = await newsroom.graphql('{ MoreOnArticle(id: "99999999999") { docs { title } } }')
    expect(missing.status).toBe(404)
    const invalid = await newsroom.graphql('{ Article(id: 99999999999) { title } }')
    expect(invalid.status).toBe(400)
  })

  it('still answers the queries a front end sends, within Payload complexity limit as set', async () => {
    const config = await newsroom.config
    expect(config.graphQL.maxComplexity).toBe(LIMITS.graphQLComplexity)
    const answer = await newsroom.graphql(`{
      Articles(limit: 10, sort: "-publishedAt") {
        docs { id title standfirst slug publishedAt section { name slug } tags { name slug kind } }
      }
      MoreOnArticle(id: ${published.id}, limit: 6) { docs { title slug score origin sharedTags { label } } }
    }`)
    expect(answer.status).toBe(200)
    expect(answer.body.errors).toBeUndefined()
    expect(answer.body.data.Articles.docs.length).toBeGreaterThan(0)
  })

  it('keeps introspection off unless the option turns it on', async () => {
    const off = await newsroom.graphql('{ __schema { queryType { name } } }')
    expect(off.status).toBe(400)
    expect(messageOf(off.body)).toContain('introspection')
    const typeQuery = await newsroom.graphql('{ __type(name: "Article") { name } }')
    expect(typeQuery.status).toBe(400)
  })
})

describe('REST: where clauses are bounded, and readers’ statements time out early', () => {
  it('refuses a where of more conditions than the limit, naming it', async () => {
    const clauses = Array.from({ length: 100 }, (_, index) => `where[or][${index}][tags.name][like]=x${index}`).join(
      '&',
    )
    const answer = await newsroom.rest('GET', `/articles?${clauses}`)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toBe(`where has more than ${LIMITS.whereClauses} conditions`)
    const withinLimit = Array.from(
      { length: LIMITS.whereClauses },
      (_, index) => `where[or][${index}][title][like]=x${index}`,
    ).join('&')
    expect((await newsroom.rest('GET', `/articles?${withinLimit}`)).status).toBe(200)
  })

  it('refuses and/or nested deeper than the limit, also as a JSON where', async () => {
    const nested = `where${'[and][0]'.repeat(LIMITS.whereNesting + 1)}[title][equals]=x`
    const answer = await newsroom.rest('GET', `/articles?${nested}`)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toContain(`more than ${LIMITS.whereNesting} deep`)
    const json = encodeURIComponent(
      JSON.stringify({ or: Array.from({ length: 30 }, (_, index) => ({ title: { equals: `t${index}` } })) }),
    )
    expect((await newsroom.rest('GET', `/articles?where=${json}`)).status).toBe(400)
  })

  it('runs a reader’s statements on connections of their own that end a statement after the reader limit', async () => {
    const pool = (newsroom.payload.db as unknown as PostgresAdapter).pool
    await expect(asReaderRequest(() => pool.query('SELECT pg_sleep(3)'))).rejects.toThrow(/statement timeout/)
    await expect(pool.query('SELECT pg_sleep(2.5)')).resolves.toBeDefined()

    const readerConnections = async () =>
      Number(
        (
          await pool.query(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE application_name = 'newsroom-readers' AND datname = current_database()`,
          )
        ).rows[0].n,
      )
    const before = await readerConnections()
    expect((await newsroom.rest('GET', `/articles?limit=5`)).status).toBe(200)
    expect(await readerConnections()).toBeGreaterThan(0)
    expect(before).toBeLessThanOrEqual(await readerConnections())
  })
})

describe('a single rule for ids, numbers and paging: a 400 naming the parameter, never a 500', () => {
  const refused: [string, string][] = [
    ['/articles/1.5', 'id'],
    ['/articles/2147483648', 'id'],
    ['/articles/99999999999', 'id'],
    ['/articles/abc', 'id'],
    ['/articles/%00', 'path'],
    ['/articles/1.5/more-on', 'id'],
    ['/articles/2147483648/comments', 'id'],
    ['/comments/1.5', 'id'],
    ['/comments/99999999999/report', 'id'],
    ['/tags/1e3', 'id'],
    ['/articles/versions/1.5', 'id'],
    ['/articles?where[title][equals]=%00', 'where[title][equals]'],
    ['/articles?sort=%00', 'sort'],
    ['/articles?limit=1.5', 'limit'],
    ['/articles?limit=100000', 'limit'],
    ['/articles?limit=0', 'limit'],
    ['/articles?page=-1', 'page'],
    ['/articles?depth=1000', 'depth'],
    ['/articles?pagination=false', 'pagination'],
    ['/articles?joins[comments][limit]=100000', 'joins[comments][limit]'],
    ['/articles?where[id][in]=abc', 'where[id][in]'],
    ['/articles?where[id][in]=1,2,abc', 'where[id][in]'],
    ['/articles?where[section][equals]=99999999999', 'where[section][equals]'],
    ['/articles?where[tags][in][0]=1.5', 'where[tags][in]'],
    ['/articles?where[comments][contains]=1', 'where[comments][contains]'],
    ['/articles?where[publishedAt][greater_than]=not-a-date', 'where[publishedAt][greater_than]'],
    ['/articles?where[commentCount][greater_than]=many', 'where[commentCount][greater_than]'],
    ['/articles?where[title][shouts]=x', 'where[title][shouts]'],
    ['/articles?where[title]=x', 'where[title]'],
    ['/articles?where[tags.kind][near]=1,2', 'where[tags.kind][near]'],
  ]
  it.each(refused)('GET %s is a 400 naming %s', async (path, field) => {
    const answer = await newsroom.rest('GET', path)
    expect(answer.status).toBe(400)
    expect(fieldOf(answer.body)).toBe(field)
  })

  it('still serves the same routes with good values, and 404s for ids that are well formed', async () => {
    for (const path of [
      `/articles/${published.id}`,
      `/articles/${published.id}/more-on?limit=3`,
      `/articles?where[id][in]=${published.id},2`,
      `/articles?limit=100&page=1&depth=2`,
      `/articles?where[tags.name][like]=x`,
      // What the admin panel asks for the labels of a list's relationship cells.
      `/sections?depth=0&draft=true&limit=250&where[id][in]=1,2,3,4,5`,
    ]) {
      expect((await newsroom.rest('GET', path)).status).toBe(200)
    }
    expect((await newsroom.rest('GET', '/articles/2147483647')).status).toBe(404)
    expect((await newsroom.rest('GET', '/tags/no-such-tag/articles')).status).toBe(404)
  })

  it('refuses a reader’s comment whose article or parent id is out of range, naming the field', async () => {
    for (const [field, value] of [
      ['article', 99999999999],
      ['article', 1.5],
      ['parent', 2147483648],
      ['parent', '7x'],
    ] as const) {
      const answer = await newsroom.rest('POST', '/comments', {
        body: { article: published.id, authorName: 'R', authorEmail: 'r@example.com', body: 'Hello', [field]: value },
      })
      expect(answer.status).toBe(400)
      expect(answer.body.errors[0].data.errors[0].path).toBe(field)
    }
  })

  it('refuses a staff write whose body is not a JSON object or holds a NUL character; stores nothing', async () => {
    const { POST } = newsroomRestRoutes(newsroom.config)
    const send = (body: string) =>
      POST(
        new Request('http://localhost:3000/api/tags', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `JWT ${editor}` },
          body,
        }),
        {
          params: Promise.resolve({ slug: ['tags'] }),
        },
      )
    const before = (await newsroom.payload.count({ collection: 'tags' })).totalDocs
    for (const body of ['[]', '"x"', '3', 'null', '{"name": ']) {
      const response = await send(body)
      expect(response.status).toBe(400)
      expect(fieldOf(await response.json())).toBe('body')
    }
    const nul = await newsroom.rest('POST', '/tags', { token: editor, body: { name: 'Nul\u0000Tag', kind: 'topic' } })
    expect(nul.status).toBe(400)
    expect(fieldOf(nul.body)).toBe('name')
    expect((await newsroom.payload.count({ collection: 'tags' })).totalDocs).toBe(before)
  })

  it('answers a body over the size limit with a 413, stores nothing', async () => {
    const huge = 'x'.repeat(10_000_000)
    const answer = await newsroom.rest('POST', '/articles', {
      token: editor,
      body: { title: 'Huge', standfirst: huge, section: published.section },
    })
    expect(answer.status).toBe(413)
    expect(messageOf(answer.body)).toContain(`larger than ${LIMITS.jsonBodyBytes} bytes`)
    expect(
      (
        await newsroom.payload.count({
          collection: 'articles',
          where: { title: { equals: 'Huge' } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)
  })
})

describe('filtering articles by comments: the public sees approved comments only', () => {
  const publicFind = (where: string) => newsroom.rest('GET', `/articles?${where}&where[id][equals]=${published.id}`)

  it('does not find an article through its held comments', async () => {
    for (const held of [pending, spam]) {
      const answer = await publicFind(`where[comments][equals]=${held.id}`)
      expect(answer.status).toBe(200)
      expect(answer.body.totalDocs).toBe(0)
    }
    expect((await publicFind(`where[comments][equals]=${approved.id}`)).body.totalDocs).toBe(1)
    expect((await publicFind(`where[comments][greater_than]=${approved.id}`)).body.totalDocs).toBe(0)
    expect((await publicFind(`where[comments.body][like]=pending`)).body.totalDocs).toBe(0)
  })

  it('counts only approved comments for exists, and only on articles the public may read', async () => {
    const lonely = await makeArticle(newsroom.payload)
    const held = await comment(lonely, 'pending')
    const exists = await newsroom.rest('GET', `/articles?where[comments][exists]=true&where[id][equals]=${lonely.id}`)
    expect(exists.body.totalDocs).toBe(0)
    const missing = await newsroom.rest('GET', `/articles?where[comments][exists]=false&where[id][equals]=${lonely.id}`)
    expect(missing.body.totalDocs).toBe(1)
    expect((await newsroom.rest('GET', `/articles?where[comments][equals]=${approvedOnDraft.id}`)).body.totalDocs).toBe(
      0,
    )
    // Staff see every comment.
    const staff = await newsroom.rest('GET', `/articles?where[comments][equals]=${held.id}`, { token: editor })
    expect(staff.body.totalDocs).toBe(1)
  })

  it('offers no such filter over GraphQL, whose where has no comments field', async () => {
    const answer = await newsroom.graphql(`{ Articles(where: { comments: { equals: ${pending.id} } }) { totalDocs } }`)
    expect(answer.status).toBe(400)
    expect(messageOf(answer.body)).toContain('"comments" is not defined')
  })
})

describe('the other holes', () => {
  it('answers a report on an approved comment of an unpublished article with a 404, as a read is', async () => {
    const answer = await newsroom.rest('POST', `/comments/${approvedOnDraft.id}/report`, { body: { reason: 'spam' } })
    expect(answer.status).toBe(404)
    expect((await newsroom.rest('GET', `/comments/${approvedOnDraft.id}`)).status).toBe(404)
    const reports = await newsroom.payload.count({
      collection: 'comment-reports',
      where: { comment: { equals: approvedOnDraft.id } },
      overrideAccess: true,
    })
    expect(reports.totalDocs).toBe(0)
  })

  it('exports comments stored with a mixed-case email', async () => {
    const mixed = await comment(published, 'approved', 'Mixed.Case@Example.com')
    const admin = await newsroom.tokenFor('admin')
    const answer = await newsroom.rest('GET', '/comments/by-email?email=mixed.case@example.com', { token: admin })
    expect(answer.status).toBe(200)
    expect(answer.body.comments.map((doc: Comment) => doc.id)).toEqual([mixed.id])
  })

  it('strips hidden direction and control characters from names, and slugs non-Latin names', async () => {
    const tag = await newsroom.rest('POST', '/tags', {
      token: editor,
      body: { name: 'Evil\u202Egnp.exe\u200F', kind: 'topic' },
    })
    expect(tag.status).toBe(201)
    expect(tag.body.doc.name).toBe('Evilgnp.exe')
    const cyrillic = await newsroom.rest('POST', '/tags', {
      token: editor,
      body: { name: 'Владимир Путин', kind: 'person' },
    })
    expect(cyrillic.status).toBe(201)
    expect(cyrillic.body.doc.slug).toBe('владимир-путин')
    expect((await newsroom.rest('GET', `/tags/${encodeURIComponent('владимир-путин')}/articles`)).status).toBe(200)
  })

  it('lets GraphQL update one field of an article', async () => {
    const answer = await newsroom.graphql(
      `mutation { updateArticle(id: ${published.id}, data: { kicker: "Analysis" }) { kicker moreOn { mode } } }`,
      undefined,
      editor,
    )
    expect(answer.status).toBe(200)
    expect(answer.body.data.updateArticle).toEqual({ kicker: 'Analysis', moreOn: { mode: 'auto' } })
  })

  it('lets admins only run, queue or cancel jobs over the API', async () => {
    const refused = await newsroom.rest('GET', '/payload-jobs/run', { token: editor })
    expect([401, 403]).toContain(refused.status)
    const admin = await newsroom.tokenFor('admin')
    expect((await newsroom.rest('GET', '/payload-jobs/run', { token: admin })).status).toBe(200)
  })

  it('lets a user lock only documents they may edit, and only in their own name', async () => {
    const moderator = await newsroom.tokenFor('moderator')
    const moderatorUser = (await newsroom.rest('GET', '/users/me', { token: moderator })).body.user
    const document = { relationTo: 'articles', value: published.id }
    const refused = await newsroom.rest('POST', '/payload-locked-documents', {
      token: moderator,
      body: { document, user: { relationTo: 'users', value: moderatorUser.id } },
    })
    expect(refused.status).toBe(403)
    const lock = await newsroom.rest('POST', '/payload-locked-documents', {
      token: editor,
      body: { document, user: { relationTo: 'users', value: moderatorUser.id } },
    })
    expect(lock.status).toBe(201)
    const editorUser = (await newsroom.rest('GET', '/users/me', { token: editor })).body.user
    const stored = await newsroom.payload.findByID({
      collection: 'payload-locked-documents',
      id: lock.body.doc.id,
      depth: 0,
      overrideAccess: true,
    })
    expect(stored.user).toEqual({ relationTo: 'users', value: editorUser.id })
    await newsroom.payload.delete({
      collection: 'payload-locked-documents',
      id: lock.body.doc.id,
      overrideAccess: true,
    })
  })

  it('answers a locked account’s login exactly as an unknown one', async () => {
    const email = 'locked-out@newsroom.test'
    await newsroom.payload.create({
      collection: 'users',
      data: { email, password: TEST_PASSWORD, roles: ['editor'] },
      overrideAccess: true,
    })
    for (let attempt = 0; attempt < 6; attempt++)
      await newsroom.rest('POST', '/users/login', { body: { email, password: 'wrong-password' } })
    const locked = await newsroom.rest('POST', '/users/login', { body: { email, password: 'wrong-password' } })
    const unknown = await newsroom.rest('POST', '/users/login', {
      body: { email: 'nobody@newsroom.test', password: 'wrong-password' },
    })
    expect(locked.status).toBe(unknown.status)
    expect(locked.body).toEqual(unknown.body)
  })
})
