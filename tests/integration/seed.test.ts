import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { seedDemoNewsroom } from '../../src/seed/seedDemo'
import { createTestDatabase } from '../helpers/database'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

const ADMIN = { email: 'demo-admin@example.com', password: 'demo-password-1' }

let newsroom: TestNewsroom
let databaseURI: string
const started: TestNewsroom[] = []

beforeAll(async () => {
  databaseURI = await createTestDatabase()
  newsroom = await startTestNewsroom({ databaseURI, seedDemo: true, admin: ADMIN })
  started.push(newsroom)
})
afterAll(async () => {
  for (const instance of started.reverse()) await instance.destroy()
})

const counts = async (payload: TestNewsroom['payload']) => {
  const result: Record<string, number> = {}
  for (const collection of [
    'articles',
    'sections',
    'tags',
    'authors',
    'media',
    'users',
    'comments',
    'comment-reports',
  ] as const) {
    result[collection] = (await payload.count({ collection, overrideAccess: true })).totalDocs
  }
  return result
}

describe('the demo newsroom', () => {
  it('has about 40 published articles across 4-6 sections, and a few drafts the public never sees', async () => {
    const { totalDocs: all } = await newsroom.payload.count({ collection: 'articles', overrideAccess: true })
    const publicList = await newsroom.rest('GET', '/articles?limit=100&depth=1')
    expect(publicList.body.totalDocs).toBeGreaterThanOrEqual(38)
    expect(publicList.body.totalDocs).toBeLessThanOrEqual(45)
    expect(all - publicList.body.totalDocs).toBeGreaterThanOrEqual(2)
    const sections = new Set(publicList.body.docs.map((doc: { section: { slug: string } }) => doc.section.slug))
    expect(sections.size).toBeGreaterThanOrEqual(4)
    expect(sections.size).toBeLessThanOrEqual(6)
    for (const doc of publicList.body.docs) {
      expect(doc.tags.length).toBeGreaterThan(0)
      expect(doc.authors.length).toBeGreaterThan(0)
      expect(doc.standfirst).toBeTruthy()
      expect(doc.bodyHtml).toMatch(/^<p>/)
    }
  })

  it('tags of every kind overlap the way real coverage does', async () => {
    const tags = await newsroom.rest('GET', '/tags?limit=100')
    expect(new Set(tags.body.docs.map((tag: { kind: string }) => tag.kind))).toEqual(
      new Set(['person', 'place', 'organisation', 'event', 'topic']),
    )
    const articlesTagged = async (slug: string) => {
      const tag = tags.body.docs.find((doc: { slug: string }) => doc.slug === slug)
      const found = await newsroom.rest('GET', `/articles?where[tags][in]=${tag.id}&limit=100&depth=1`)
      return found.body.docs as Array<{ publishedAt: string; tags: Array<{ slug: string }> }>
    }
    // A running story over several weeks.
    const floods = await articlesTagged('northgate-floods')
    expect(floods.length).toBeGreaterThanOrEqual(5)
    const span =
      Math.max(...floods.map((a) => Date.parse(a.publishedAt))) -
      Math.min(...floods.map((a) => Date.parse(a.publishedAt)))
    expect(span / 86_400_000).toBeGreaterThanOrEqual(14)
    // A person who appears in several stories.
    const raman = await articlesTagged('priya-raman')
    const stories = new Set(
      raman.flatMap((a) =>
        a.tags
          .filter((t) => ['northgate-floods', 'teachers-strike', 'harbourline-rail'].includes(t.slug))
          .map((t) => t.slug),
      ),
    )
    expect(stories.size).toBeGreaterThanOrEqual(2)
    // A generic tag on many articles.
    expect((await articlesTagged('economy')).length).toBeGreaterThanOrEqual(8)
  })

  it('a body can carry a figure and a link to an earlier story', async () => {
    const found = await newsroom.rest(
      'GET',
      '/articles?where[slug][equals]=what-the-northgate-floods-tell-us-about-the-next-decade',
    )
    const [analysis] = found.body.docs
    expect(analysis.bodyHtml).toMatch(
      /<figure><img src="\/api\/media\/file\/demo-river(-\d+)?\.svg" alt="Flood water covering a riverside street">/,
    )
    expect(analysis.bodyHtml).toContain(
      '<aside class="related-article"><a href="/articles/river-sell-bursts-its-banks-as-northgate-is-evacuated">',
    )
  })

  it('has reader comments: threads, a moderation queue, a reported comment and caught spam', async () => {
    const count = async (where: object) =>
      (await newsroom.payload.count({ collection: 'comments', where: where as never, overrideAccess: true })).totalDocs
    expect(await count({ status: { equals: 'pending' } })).toBeGreaterThanOrEqual(3)
    expect(await count({ status: { equals: 'spam' } })).toBeGreaterThanOrEqual(1)
    expect(
      await count({ and: [{ status: { equals: 'approved' } }, { reportCount: { greater_than: 0 } }] }),
    ).toBeGreaterThanOrEqual(1)
    const { docs } = await newsroom.payload.find({
      collection: 'articles',
      where: { slug: { equals: 'river-sell-bursts-its-banks-as-northgate-is-evacuated' } },
      overrideAccess: true,
    })
    expect(docs[0]!.commentCount).toBe(2)
    const thread = await newsroom.rest('GET', `/articles/${docs[0]!.id}/comments`)
    expect(thread.body.docs).toHaveLength(1)
    expect(thread.body.docs[0].replies).toHaveLength(1)
  })

  it('creates the development admin from the environment, who can log in', async () => {
    const login = await newsroom.rest('POST', '/users/login', { body: ADMIN })
    expect(login.status).toBe(200)
    expect(login.body.user.roles).toEqual(['admin'])
  })

  it('is idempotent: a second start on the same database adds nothing', async () => {
    const before = await counts(newsroom.payload)
    const second = await startTestNewsroom({ databaseURI, seedDemo: true, admin: ADMIN, instanceKey: 'second-start' })
    started.push(second)
    expect(await counts(second.payload)).toEqual(before)
    expect(await seedDemoNewsroom(newsroom.payload)).toEqual({ seeded: false })
    expect(await counts(newsroom.payload)).toEqual(before)
  })

  it('two instances seeding one empty database at once seed it once', async () => {
    const emptyURI = await createTestDatabase()
    const first = await startTestNewsroom({ databaseURI: emptyURI, instanceKey: 'race-a' })
    const second = await startTestNewsroom({ databaseURI: emptyURI, instanceKey: 'race-b' })
    started.push(first, second)
    const results = await Promise.all([seedDemoNewsroom(first.payload), seedDemoNewsroom(second.payload)])
    expect(results.map((result) => result.seeded).sort()).toEqual([false, true])
    expect((await counts(first.payload)).articles).toBe((await counts(newsroom.payload)).articles)
  })

  it('SEED_DEMO=false starts with an empty newsroom', async () => {
    const empty = await startTestNewsroom({ seedDemo: false, instanceKey: 'unseeded' })
    started.push(empty)
    expect((await counts(empty.payload)).articles).toBe(0)
  })
})
