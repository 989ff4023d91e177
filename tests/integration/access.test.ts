import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { newsroomRestRoutes } from '../../src/http/routes'

import type { Role } from '../../collections/access'
import { makeArticle, makeSection } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

const TINY_SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'

let newsroom: TestNewsroom
let sectionId: number
beforeAll(async () => {
  newsroom = await startTestNewsroom()
  sectionId = (await makeSection(newsroom.payload)).id
})
afterAll(() => newsroom?.destroy())

type Caller = Role | 'public'
const tokenOf = async (caller: Caller) => (caller === 'public' ? undefined : newsroom.tokenFor(caller))
let serial = 0
const next = () => ++serial

const bodies: Record<string, () => Record<string, unknown>> = {
  sections: () => ({ name: `Section ${next()}` }),
  tags: () => ({ name: `Tag ${next()}`, kind: 'topic' }),
  authors: () => ({ name: `Author ${next()}` }),
  articles: () => ({ title: `Headline ${next()}`, standfirst: 'Dek', section: sectionId, _status: 'published' }),
}

describe('editorial collections: the public reads, editors and admins write', () => {
  const writers: Caller[] = ['admin', 'editor']
  const refused: Caller[] = ['public', 'moderator']

  for (const collection of Object.keys(bodies)) {
    it.each(writers)(`${collection}: %s may create, update and delete`, async (caller) => {
      const token = await tokenOf(caller)
      const created = await newsroom.rest('POST', `/${collection}`, { token, body: bodies[collection]!() })
      expect(created.status).toBe(201)
      const id = created.body.doc.id
      const updated = await newsroom.rest('PATCH', `/${collection}/${id}`, {
        token,
        body: { description: 'Changed', kicker: 'Changed' },
      })
      expect(updated.status).toBe(200)
      expect((await newsroom.rest('DELETE', `/${collection}/${id}`, { token })).status).toBe(200)
    })

    it.each(refused)(`${collection}: %s may not create, update or delete`, async (caller) => {
      const token = await tokenOf(caller)
      const created = await newsroom.rest('POST', `/${collection}`, { token, body: bodies[collection]!() })
      expect(created.status).toBe(403)
      const existing = await newsroom.payload.create({
        collection: collection as 'sections',
        data: bodies[collection]!() as never,
        overrideAccess: true,
      })
      expect(
        (await newsroom.rest('PATCH', `/${collection}/${existing.id}`, { token, body: { description: 'x' } })).status,
      ).toBe(403)
      expect((await newsroom.rest('DELETE', `/${collection}/${existing.id}`, { token })).status).toBe(403)
      expect(
        await newsroom.payload.findByID({
          collection: collection as 'sections',
          id: existing.id,
          overrideAccess: true,
        }),
      ).toBeTruthy()
    })

    it(`${collection}: the public can read`, async () => {
      expect((await newsroom.rest('GET', `/${collection}`)).status).toBe(200)
    })
  }
})

describe('media: editors upload, the public reads', () => {
  const upload = async (caller: Caller) => {
    const form = new FormData()
    form.append('file', new Blob([TINY_SVG], { type: 'image/svg+xml' }), `pic-${next()}.svg`)
    form.append('_payload', JSON.stringify({ alt: 'A picture', credit: 'FILE' }))
    const token = await tokenOf(caller)
    const response = await newsroomRestRoutes(newsroom.config).POST(
      new Request('http://localhost:3000/api/media', {
        method: 'POST',
        body: form,
        headers: token ? { authorization: `JWT ${token}` } : {},
      }),
      { params: Promise.resolve({ slug: ['media'] }) },
    )
    return { status: response.status, body: await response.json() }
  }

  it.each(['admin', 'editor'] as Caller[])('%s may upload', async (caller) => {
    const created = await upload(caller)
    expect(created.status).toBe(201)
    expect(created.body.doc).toMatchObject({ alt: 'A picture', credit: 'FILE', mimeType: 'image/svg+xml' })
    expect((await newsroom.rest('GET', `/media/${created.body.doc.id}`)).status).toBe(200)
  })

  it.each(['public', 'moderator'] as Caller[])('%s may not upload', async (caller) => {
    expect((await upload(caller)).status).toBe(403)
  })

  it('alt text is required', async () => {
    const form = new FormData()
    form.append('file', new Blob([TINY_SVG], { type: 'image/svg+xml' }), 'no-alt.svg')
    form.append('_payload', JSON.stringify({ credit: 'FILE' }))
    const response = await newsroomRestRoutes(newsroom.config).POST(
      new Request('http://localhost:3000/api/media', {
        method: 'POST',
        body: form,
        headers: { authorization: `JWT ${await tokenOf('editor')}` },
      }),
      { params: Promise.resolve({ slug: ['media'] }) },
    )
    expect(response.status).toBe(400)
    expect(JSON.stringify(await response.json())).toContain('alt')
  })
})

describe('users: nobody but an admin manages users', () => {
  it('only an admin creates users', async () => {
    const body = { email: `new-${next()}@newsroom.test`, password: 'a-long-password', roles: ['editor'] }
    for (const caller of ['public', 'editor', 'moderator'] as const) {
      expect((await newsroom.rest('POST', '/users', { token: await tokenOf(caller), body })).status).toBe(403)
    }
    expect((await newsroom.rest('POST', '/users', { token: await tokenOf('admin'), body })).status).toBe(201)
  })

  it('the public cannot list users; an editor sees only themself', async () => {
    expect((await newsroom.rest('GET', '/users')).status).toBe(403)
    await newsroom.tokenFor('moderator')
    const mine = await newsroom.rest('GET', '/users', { token: await tokenOf('editor') })
    expect(mine.body.docs.map((user: { email: string }) => user.email)).toEqual(['editor@newsroom.test'])
    const all = await newsroom.rest('GET', '/users', { token: await tokenOf('admin') })
    expect(all.body.totalDocs).toBeGreaterThanOrEqual(3)
  })

  it('an editor cannot give themself the admin role', async () => {
    const token = await tokenOf('editor')
    const me = (await newsroom.rest('GET', '/users/me', { token })).body.user
    await newsroom.rest('PATCH', `/users/${me.id}`, { token, body: { roles: ['admin'] } })
    const after = await newsroom.payload.findByID({ collection: 'users', id: me.id, overrideAccess: true })
    expect(after.roles).toEqual(['editor'])
  })

  it('an editor cannot delete another user', async () => {
    const moderator = (await newsroom.rest('GET', '/users/me', { token: await tokenOf('moderator') })).body.user
    expect((await newsroom.rest('DELETE', `/users/${moderator.id}`, { token: await tokenOf('editor') })).status).toBe(
      403,
    )
  })
})

describe('comments: moderators handle them; the public reads approved ones only', () => {
  it('moderators and admins update and delete comments; the public and editors cannot', async () => {
    const article = await makeArticle(newsroom.payload, { section: sectionId })
    const comment = await newsroom.payload.create({
      collection: 'comments',
      data: {
        article: article.id,
        authorName: 'Reader',
        authorEmail: 'reader@example.com',
        body: 'Hello',
        status: 'pending',
      },
      overrideAccess: true,
    })
    for (const caller of ['public', 'editor'] as const) {
      const token = await tokenOf(caller)
      expect(
        (await newsroom.rest('PATCH', `/comments/${comment.id}`, { token, body: { status: 'approved' } })).status,
      ).toBe(403)
      expect((await newsroom.rest('DELETE', `/comments/${comment.id}`, { token })).status).toBe(403)
    }
    const approved = await newsroom.rest('PATCH', `/comments/${comment.id}`, {
      token: await tokenOf('moderator'),
      body: { status: 'approved' },
    })
    expect(approved.status).toBe(200)
    expect((await newsroom.rest('DELETE', `/comments/${comment.id}`, { token: await tokenOf('admin') })).status).toBe(
      200,
    )
  })

  it('the public reads approved comments only and never the email or moderation fields', async () => {
    const article = await makeArticle(newsroom.payload, { section: sectionId })
    const make = (status: string, name: string) =>
      newsroom.payload.create({
        collection: 'comments',
        data: {
          article: article.id,
          authorName: name,
          authorEmail: `${name}@example.com`,
          body: 'Text',
          status: status as 'approved',
        },
        overrideAccess: true,
      })
    await make('approved', 'visible')
    const pending = await make('pending', 'hidden')
    const list = await newsroom.rest('GET', `/comments?where[article][equals]=${article.id}`)
    expect(list.body.docs.map((comment: { authorName: string }) => comment.authorName)).toEqual(['visible'])
    for (const field of ['authorEmail', 'ipHash', 'reportCount', 'approvedBy', 'heldFor', 'website'])
      expect(list.body.docs[0]).not.toHaveProperty(field)
    expect((await newsroom.rest('GET', `/comments/${pending.id}`)).status).toBe(404)
    const staff = await newsroom.rest('GET', `/comments?where[article][equals]=${article.id}`, {
      token: await tokenOf('moderator'),
    })
    expect(staff.body.totalDocs).toBe(2)
    expect(staff.body.docs[0]).toHaveProperty('authorEmail')
  })
})

describe('articles: server-owned fields', () => {
  it('commentCount cannot be set by a caller', async () => {
    const token = await tokenOf('editor')
    const created = await newsroom.rest('POST', '/articles', {
      token,
      body: { ...bodies.articles!(), commentCount: 99 },
    })
    expect(created.status).toBe(201)
    expect(created.body.doc.commentCount).toBe(0)
    const updated = await newsroom.rest('PATCH', `/articles/${created.body.doc.id}`, {
      token,
      body: { commentCount: 42 },
    })
    expect(updated.body.doc.commentCount).toBe(0)
  })
})
