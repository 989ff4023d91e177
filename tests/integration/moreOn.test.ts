import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import pg from 'pg'

import { rebuildMoreOn } from 'payload-plugin-more-on'
import type { Article } from '../../src/payload-types'
import { makeArticle, makeSection } from '../helpers/fixtures'
import { listsAgainstRebuild } from '../helpers/invariants'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

const DAY = 86_400_000

let newsroom: TestNewsroom
let editor: string
let admin: string
let sectionId: number
let serial = 0

beforeAll(async () => {
  newsroom = await startTestNewsroom()
  editor = await newsroom.tokenFor('editor')
  admin = await newsroom.tokenFor('admin')
  sectionId = (await makeSection(newsroom.payload)).id
  // A newsroom has a back catalogue: stories on generic topics, so that rarity means what it means on a real site.
  const generic = [await tag('topic', 'Politics'), await tag('topic', 'Economy'), await tag('topic', 'World')]
  for (let index = 0; index < 40; index++) {
    await story([generic[index % 3]!, generic[(index + 1) % 3]!], 30 + index * 5)
  }
})
afterAll(() => newsroom?.destroy())

type Kind = 'person' | 'place' | 'organisation' | 'event' | 'topic'
const tag = async (kind: Kind = 'event', name = `Tag ${++serial}`) =>
  (await newsroom.payload.create({ collection: 'tags', data: { name, kind }, overrideAccess: true })).id

const story = (tags: number[], daysAgo: number, extra: Partial<Article> = {}) =>
  makeArticle(newsroom.payload, {
    section: sectionId,
    tags,
    publishedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
    ...extra,
  } as never)

/** Publishes through the REST API as an editor, as the admin panel does. */
async function publish(tags: number[], daysAgo: number, extra: Record<string, unknown> = {}) {
  const response = await newsroom.rest('POST', '/articles', {
    token: editor,
    body: {
      title: `Story ${++serial}`,
      standfirst: 'Dek',
      section: sectionId,
      tags,
      _status: 'published',
      publishedAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
      ...extra,
    },
  })
  expect(response.status).toBe(201)
  return response.body.doc as Article
}

const moreOn = async (id: number, query = '', token?: string) => {
  const response = await newsroom.rest('GET', `/articles/${id}/more-on${query}`, { token })
  return response
}
const pool = () => (newsroom.payload.db as unknown as PostgresAdapter).drizzle

const listOf = async (id: number) => {
  const response = await moreOn(id)
  expect(response.status).toBe(200)
  return (response.body.docs as Array<{ id: number }>).map((card) => card.id)
}
const patch = (id: number, body: Record<string, unknown>) =>
  newsroom.rest('PATCH', `/articles/${id}`, { token: editor, body })

describe('forward linking', () => {
  it('a newly published follow-up appears in the older stories’ blocks in the same request', async () => {
    const [event, person] = [await tag('event'), await tag('person')]
    const first = await publish([event, person], 10)
    expect(await listOf(first.id)).toEqual([])
    const followUp = await publish([event, person], 2)
    expect(await listOf(first.id)).toEqual([followUp.id])
    expect(await listOf(followUp.id)).toEqual([first.id])
  })

  it('cards explain the link and carry what a front end shows', async () => {
    const [event, person] = [await tag('event', 'Harbour fire'), await tag('person', 'Ada Byline')]
    const first = await publish([event, person], 3, { kicker: 'Fire' })
    const second = await publish([event], 1)
    const [card] = (await moreOn(second.id)).body.docs
    expect(card).toMatchObject({
      id: first.id,
      slug: first.slug,
      title: first.title,
      standfirst: 'Dek',
      section: { id: sectionId, name: expect.any(String), slug: expect.any(String) },
      publishedAt: first.publishedAt,
      featuredImage: null,
      origin: 'auto',
      sharedTags: [
        { id: event, label: 'Harbour fire', slug: 'harbour-fire', kind: 'event', contribution: expect.any(Number) },
      ],
    })
    expect(card.score).toBeCloseTo(card.sharedTags[0].contribution)
    expect(Object.keys(card.section).sort()).toEqual(['id', 'name', 'slug'])
  })

  it('recomputing neighbours never writes to the neighbour stories', async () => {
    const event = await tag()
    const older = await publish([event], 5)
    const before = await newsroom.payload.findByID({ collection: 'articles', id: older.id, overrideAccess: true })
    const versionsBefore = await newsroom.payload.countVersions({
      collection: 'articles',
      where: { parent: { equals: older.id } },
      overrideAccess: true,
    })
    await publish([event], 1)
    const after = await newsroom.payload.findByID({ collection: 'articles', id: older.id, overrideAccess: true })
    expect(after.updatedAt).toBe(before.updatedAt)
    const versionsAfter = await newsroom.payload.countVersions({
      collection: 'articles',
      where: { parent: { equals: older.id } },
      overrideAccess: true,
    })
    expect(versionsAfter.totalDocs).toBe(versionsBefore.totalDocs)
    expect((await listOf(older.id)).length).toBe(1)
  })

  it('changing a story’s tags moves it between lists', async () => {
    const [a, b] = [await tag(), await tag()]
    const inA = await publish([a], 4)
    const inB = await publish([b], 4)
    const mover = await publish([a], 2)
    expect(await listOf(inA.id)).toEqual([mover.id])
    await patch(mover.id, { tags: [b] })
    expect(await listOf(inA.id)).toEqual([])
    expect(await listOf(inB.id)).toEqual([mover.id])
  })
})

describe('removal', () => {
  it('unpublishing removes a story from every list at once, and its own list', async () => {
    const event = await tag()
    const [one, two] = [await publish([event], 6), await publish([event], 5)]
    const leaving = await publish([event], 4)
    expect(await listOf(one.id)).toContain(leaving.id)
    await patch(leaving.id, { _status: 'draft' })
    expect(await listOf(one.id)).toEqual([two.id])
    expect(await listOf(two.id)).toEqual([one.id])
    expect((await moreOn(leaving.id)).status).toBe(404)
    const rows = await newsroom.payload.count({
      collection: 'recommendations',
      where: { or: [{ source: { equals: leaving.id } }, { target: { equals: leaving.id } }] },
      overrideAccess: true,
    })
    expect(rows.totalDocs).toBe(0)
  })

  it('deleting removes a story from every list and refills them', async () => {
    const event = await tag()
    const source = await publish([event], 0)
    const others = []
    for (let day = 1; day <= 7; day++) others.push(await publish([event], day))
    expect(await listOf(source.id)).toEqual(others.slice(0, 6).map((doc) => doc.id))
    expect((await newsroom.rest('DELETE', `/articles/${others[0]!.id}`, { token: editor })).status).toBe(200)
    expect(await listOf(source.id)).toEqual(others.slice(1, 7).map((doc) => doc.id))
    const dangling = await newsroom.payload.count({
      collection: 'recommendations',
      where: { or: [{ source: { exists: false } }, { target: { exists: false } }] },
      overrideAccess: true,
    })
    expect(dangling.totalDocs).toBe(0)
  })
})

describe('drafts and scheduled stories', () => {
  it('never appear in any list, nor get one publicly', async () => {
    const event = await tag()
    const live = await publish([event], 3)
    const draft = await story([event], 1, { _status: 'draft' } as never)
    const scheduled = await story([event], -1)
    expect(await listOf(live.id)).toEqual([])
    for (const hidden of [draft, scheduled]) {
      expect((await moreOn(hidden.id)).status).toBe(404)
      const staff = await moreOn(hidden.id, '', editor)
      expect(staff.status).toBe(200)
      expect(staff.body.docs).toEqual([])
    }
    const leaked = await newsroom.rest(
      'GET',
      `/recommendations?where[or][0][target][equals]=${draft.id}&where[or][1][target][equals]=${scheduled.id}`,
    )
    expect(leaked.body.totalDocs).toBe(0)
  })

  it('a scheduled story is linked when it goes live, through the jobs queue', async () => {
    const event = await tag()
    const live = await publish([event], 3)
    const goesLiveSoon = await story([event], -1.5 / 86_400)
    expect(await listOf(live.id)).toEqual([])
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await newsroom.payload.jobs.run({ queue: 'default' })
    expect(await listOf(live.id)).toEqual([goesLiveSoon.id])
  })

  it('recommendations are readable only where both stories are', async () => {
    const event = await tag()
    const [a, b] = [await publish([event], 2), await publish([event], 1)]
    const draft = await story([event], 1, { _status: 'draft' } as never)
    // A stale link to a hidden story (as if left by a crash) must not leak either.
    const adapter = newsroom.payload.db as unknown as PostgresAdapter
    await adapter.pool.query(
      `INSERT INTO recommendations
         (source_id, target_id, rank, score, shared_tags, origin, computed_at, updated_at, created_at)
       VALUES ($1, $2, 9, 1, '[]', 'auto', now(), now(), now())`,
      [a.id, draft.id],
    )
    const publicRows = await newsroom.rest('GET', `/recommendations?where[source][equals]=${a.id}&depth=0`)
    expect(publicRows.body.docs.map((row: { target: number }) => row.target)).toEqual([b.id])
    const staffRows = await newsroom.rest('GET', `/recommendations?where[source][equals]=${a.id}`, { token: editor })
    expect(staffRows.body.totalDocs).toBe(2)
    expect((await newsroom.rest('GET', `/recommendations/${staffRows.body.docs[1].id}`)).status).toBe(404)
    const gql = await newsroom.graphql(
      `{ Recommendations(where: { source: { equals: ${a.id} } }) { docs { target { id } } } }`,
    )
    expect(JSON.stringify(gql.body)).not.toContain(`"id":${draft.id}`)
    expect(await listOf(a.id)).toEqual([b.id])
  })

  it('nobody creates, edits or deletes recommendations by hand, not even an admin', async () => {
    const event = await tag()
    const [a, b] = [await publish([event], 2), await publish([event], 1)]
    const [row] = (await newsroom.rest('GET', `/recommendations?where[source][equals]=${a.id}`, { token: admin })).body
      .docs
    const body = {
      source: a.id,
      target: b.id,
      rank: 1,
      score: 99,
      origin: 'pinned',
      computedAt: new Date().toISOString(),
    }
    expect((await newsroom.rest('POST', '/recommendations', { token: admin, body })).status).toBe(403)
    expect(
      (await newsroom.rest('PATCH', `/recommendations/${row.id}`, { token: admin, body: { score: 99 } })).status,
    ).toBe(403)
    expect((await newsroom.rest('DELETE', `/recommendations/${row.id}`, { token: admin })).status).toBe(403)
    const gql = await newsroom.graphql(`mutation { deleteRecommendation(id: ${row.id}) { id } }`, undefined, admin)
    expect(gql.body.errors?.[0]?.message).toBe('You are not allowed to perform this action.')
  })
})

describe("editors' controls", () => {
  it('pins come first in the editor’s order; exclusions and never-auto-link stories stay out', async () => {
    const [event, other] = [await tag(), await tag()]
    const source = await publish([event], 5)
    const [near, far] = [await publish([event], 4), await publish([event], 1)]
    const unrelated = await publish([other], 30)
    const quiet = await publish([event], 5, { moreOn: { neverAutoLink: true } })
    expect(await listOf(source.id)).toEqual([near.id, far.id])

    const pinned = await patch(source.id, { moreOn: { pinned: [unrelated.id, quiet.id], excluded: [near.id] } })
    expect(pinned.status).toBe(200)
    const cards = (await moreOn(source.id)).body.docs
    expect(cards.map((card: { id: number; origin: string }) => [card.id, card.origin])).toEqual([
      [unrelated.id, 'pinned'],
      [quiet.id, 'pinned'],
      [far.id, 'auto'],
    ])
    expect(await listOf(near.id)).not.toContain(quiet.id)
  })

  it('mode pinned-only shows the pins alone; off shows nothing', async () => {
    const event = await tag()
    const source = await publish([event], 3)
    const [a, b] = [await publish([event], 2), await publish([event], 1)]
    await patch(source.id, { moreOn: { mode: 'pinned-only', pinned: [b.id] } })
    expect(await listOf(source.id)).toEqual([b.id])
    await patch(source.id, { moreOn: { mode: 'off' } })
    expect(await listOf(source.id)).toEqual([])
    await patch(source.id, { moreOn: { mode: 'auto', pinned: [] } })
    expect(await listOf(source.id)).toEqual([a.id, b.id])
  })

  it('pins to drafts, to scheduled stories or to the story itself are refused with a clear error', async () => {
    const event = await tag()
    const source = await publish([event], 3)
    const draft = await story([event], 1, { _status: 'draft', title: 'Unfinished piece' } as never)
    const scheduled = await story([event], -2, { title: 'Tomorrow’s piece' })
    const cases: Array<[number, string]> = [
      [draft.id, 'Only published stories can be pinned: "Unfinished piece" is a draft'],
      [scheduled.id, 'Only published stories can be pinned: "Tomorrow’s piece" is not live yet'],
      [source.id, 'A story cannot be pinned to itself'],
    ]
    for (const [id, message] of cases) {
      const refused = await patch(source.id, { moreOn: { pinned: [id] } })
      expect(refused.status).toBe(400)
      expect(refused.body.errors[0].data.errors).toEqual([expect.objectContaining({ path: 'moreOn.pinned', message })])
    }
    const saved = await newsroom.payload.findByID({
      collection: 'articles',
      id: source.id,
      overrideAccess: true,
      depth: 0,
    })
    expect(saved.moreOn?.pinned ?? []).toEqual([])
  })
})

describe('the REST and GraphQL doors', () => {
  let source: Article
  let others: Article[]
  beforeAll(async () => {
    const event = await tag()
    source = await publish([event], 10)
    others = [await publish([event], 9), await publish([event], 8), await publish([event], 7)]
  })

  it('limit is 1 to 50, default the list length; anything else is a 400 that says so', async () => {
    expect((await moreOn(source.id, '?limit=2')).body.docs).toHaveLength(2)
    for (const bad of ['0', '51', 'abc', '1.5']) {
      const response = await moreOn(source.id, `?limit=${bad}`)
      expect(response.status).toBe(400)
      expect(response.body.errors[0]).toEqual({ field: 'limit', message: 'limit must be a whole number from 1 to 50' })
    }
  })

  it('an unknown id is a 404, and what is not an id a 400', async () => {
    expect((await moreOn(999_999)).status).toBe(404)
    // Not an id at all: the app's one rule for ids answers 400 (tests/integration/hostileInput.test.ts).
    expect((await newsroom.rest('GET', '/articles/not-a-number/more-on')).status).toBe(400)
  })

  it('GraphQL MoreOnArticle gives the same cards, with every field of the article type', async () => {
    const rest = (await moreOn(source.id)).body.docs
    const gql = await newsroom.graphql(
      `query($id: ID!) {
        MoreOnArticle(id: $id, limit: 6) {
          docs {
            id slug title standfirst publishedAt kicker score origin
            section { id name slug } featuredImage { url } tags { name } sharedTags { id label slug kind }
          }
        }
      }`,
      { id: String(source.id) },
    )
    expect(gql.body.errors).toBeUndefined()
    const docs = gql.body.data.MoreOnArticle.docs
    expect(docs.map((card: { id: string }) => Number(card.id))).toEqual(rest.map((card: { id: number }) => card.id))
    expect(docs[0]).toMatchObject({
      slug: rest[0].slug,
      title: rest[0].title,
      publishedAt: rest[0].publishedAt,
      origin: 'auto',
      featuredImage: null,
    })
    expect(docs[0].section).toMatchObject({ id: sectionId, name: expect.any(String) })
    expect(docs[0].tags.length).toBeGreaterThan(0)
    expect(docs[0].sharedTags[0]).toMatchObject({
      label: rest[0].sharedTags[0].label,
      slug: rest[0].sharedTags[0].slug,
      kind: rest[0].sharedTags[0].kind,
    })
    expect(docs[0].score).toBeCloseTo(rest[0].score)
  })

  it('GraphQL refuses a bad limit and an unreadable story', async () => {
    const bad = await newsroom.graphql(`{ MoreOnArticle(id: ${source.id}, limit: 0) { docs { id } } }`)
    expect(bad.body.errors[0].message).toBe('limit must be a whole number from 1 to 50')
    const draft = await story([], 1, { _status: 'draft' } as never)
    const hidden = await newsroom.graphql(`{ MoreOnArticle(id: ${draft.id}) { docs { id } } }`)
    expect(hidden.body.errors[0].message).toBe('Not Found')
  })

  it('relatedStories brings the block with a single story at depth 1 or more, in REST and GraphQL', async () => {
    const cards = (await moreOn(source.id)).body.docs
    const deep = await newsroom.rest('GET', `/articles/${source.id}?depth=1`)
    expect(deep.body.relatedStories).toEqual(cards)
    const shallow = await newsroom.rest('GET', `/articles/${source.id}?depth=0`)
    expect(shallow.body.relatedStories ?? null).toBeNull()
    const bySlug = await newsroom.rest('GET', `/articles?where[slug][equals]=${source.slug}&limit=1&depth=1`)
    expect(bySlug.body.docs[0].relatedStories).toEqual(cards)
    const list = await newsroom.rest('GET', '/articles?limit=5&depth=1')
    for (const doc of list.body.docs) expect(doc.relatedStories ?? null).toBeNull()
    const gql = await newsroom.graphql(`{ Article(id: ${source.id}) { title relatedStories } }`)
    expect(gql.body.data.Article.relatedStories.map((card: { id: number }) => card.id)).toEqual(
      others.map((doc) => doc.id),
    )
  })

  it('"More on <tag>": published stories with the tag, newest first, paginated', async () => {
    const event = await tag('event', 'Pagination Story')
    const stories = [await publish([event], 3), await publish([event], 1), await publish([event], 2)]
    await story([event], 0, { _status: 'draft' } as never)
    const page = await newsroom.rest('GET', '/tags/pagination-story/articles?limit=2&page=1')
    expect(page.status).toBe(200)
    expect(page.body).toMatchObject({
      totalDocs: 3,
      limit: 2,
      page: 1,
      totalPages: 2,
      hasNextPage: true,
      hasPrevPage: false,
    })
    expect(page.body.docs.map((doc: { id: number }) => doc.id)).toEqual([stories[1]!.id, stories[2]!.id])
    const next = await newsroom.rest('GET', '/tags/pagination-story/articles?limit=2&page=2')
    expect(next.body.docs.map((doc: { id: number }) => doc.id)).toEqual([stories[0]!.id])
    expect((await newsroom.rest('GET', '/tags/no-such-tag/articles')).status).toBe(404)
    const bad = await newsroom.rest('GET', '/tags/pagination-story/articles?limit=1000')
    expect(bad.status).toBe(400)
    expect(bad.body.errors[0].field).toBe('limit')
  })
})

describe('tags', () => {
  it('renaming a tag changes nothing; deleting one recomputes the stories that carried it', async () => {
    const [shared, minor] = [await tag('person'), await tag('topic')]
    const [a, b] = [await publish([shared, minor], 2), await publish([shared, minor], 1)]
    const rowsBefore = await newsroom.payload.find({
      collection: 'recommendations',
      where: { source: { equals: a.id } },
      depth: 0,
      overrideAccess: true,
    })
    await newsroom.rest('PATCH', `/tags/${minor}`, { token: editor, body: { name: 'Renamed topic' } })
    const rowsAfter = await newsroom.payload.find({
      collection: 'recommendations',
      where: { source: { equals: a.id } },
      depth: 0,
      overrideAccess: true,
    })
    expect(rowsAfter.docs).toEqual(rowsBefore.docs)
    expect((await moreOn(a.id)).body.docs[0].sharedTags.map((t: { label: string }) => t.label)).toContain(
      'Renamed topic',
    )

    expect((await newsroom.rest('DELETE', `/tags/${minor}`, { token: editor })).status).toBe(200)
    const [card] = (await moreOn(a.id)).body.docs
    expect(card.id).toBe(b.id)
    expect(card.sharedTags.map((t: { id: number }) => t.id)).toEqual([shared])
    expect(card.score).toBeLessThan(rowsBefore.docs[0]!.score)
  })

  it('changing a tag’s kind rescores the stories that carry it', async () => {
    const shared = await tag('topic')
    const [a] = [await publish([shared], 2), await publish([shared], 1)]
    const before = (await moreOn(a.id)).body.docs[0].score
    await newsroom.rest('PATCH', `/tags/${shared}`, { token: editor, body: { kind: 'person' } })
    expect((await moreOn(a.id)).body.docs[0].score).toBeCloseTo(before * 2)
  })
})

describe('robustness', () => {
  /** The statements `work` sends to Postgres, as node-postgres is given them. */
  const statementsOf = async (work: () => Promise<unknown>) => {
    const query = jest.spyOn(pg.Client.prototype, 'query')
    try {
      await work()
      return query.mock.calls.map(([statement, values]) => {
        const given = (typeof statement === 'object' ? statement : { text: statement, values }) as {
          text?: string
          values?: unknown[]
        }
        return { text: String(given.text), values: given.values ?? [] }
      })
    } finally {
      query.mockRestore()
    }
  }

  it('a publish takes the writers’ lock once: its refresh, in a savepoint of that transaction, holds it', async () => {
    const event = await tag()
    await publish([event], 3)
    const statements = await statementsOf(() => publish([event], 1))
    // The plugin's writers' lock, told apart from the slug's by its lock space.
    const writersLocks = statements.filter(
      ({ text, values }) => text.includes('pg_advisory_xact_lock') && String(values[0]) === '72410001',
    )
    expect(writersLocks).toHaveLength(1)
  })

  it('a publish reads the kinds of the tags it scores with the stories it reads, never apart', async () => {
    const [person, place] = [await tag('person'), await tag('place')]
    await publish([person, place], 3)
    await publish([person], 2)
    const statements = await statementsOf(() => publish([person, place], 1))
    expect(statements.filter(({ text }) => /^\s*SELECT id, "kind"/.test(text))).toEqual([])
  })

  it('a failure inside the plugin does not lose the editor’s save: it is logged and queued for recompute', async () => {
    const event = await tag()
    const older = await publish([event], 3)
    const adapter = newsroom.payload.db as unknown as PostgresAdapter
    const errors = jest.spyOn(newsroom.payload.logger, 'error')
    await adapter.pool.query('ALTER TABLE recommendations RENAME TO recommendations_away')
    let saved: Article
    try {
      saved = await publish([event], 1)
    } finally {
      await adapter.pool.query('ALTER TABLE recommendations_away RENAME TO recommendations')
    }
    expect(errors).toHaveBeenCalledWith(
      expect.objectContaining({ msg: expect.stringContaining('more-on: could not update the stored lists') }),
    )
    errors.mockRestore()
    expect((await newsroom.rest('GET', `/articles/${saved.id}`)).status).toBe(200)
    expect(await listOf(older.id)).toEqual([])
    const queued = await newsroom.payload.count({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: 'recommendations-refresh' }, completedAt: { exists: false } },
      overrideAccess: true,
    })
    expect(queued.totalDocs).toBeGreaterThanOrEqual(1)
    await newsroom.payload.jobs.run({ queue: 'default' })
    expect(await listOf(older.id)).toEqual([saved.id])
  })

  it('saving a story runs the plugin’s recompute once', async () => {
    const event = await tag()
    await publish([event], 2)
    const debug = jest.spyOn(newsroom.payload.logger, 'debug')
    await publish([event], 1)
    const runs = debug.mock.calls.filter(([entry]) =>
      String((entry as { msg?: string }).msg).startsWith('more-on: recomputed'),
    )
    debug.mockRestore()
    expect(runs).toHaveLength(1)
  })

  it('once queued work has run, a rebuild changes nothing, and a second rebuild neither', async () => {
    await newsroom.payload.jobs.run({ queue: 'default', limit: 1000 })
    const snapshot = async () =>
      (
        await newsroom.payload.find({
          collection: 'recommendations',
          pagination: false,
          sort: 'id',
          overrideAccess: true,
          depth: 0,
        })
      ).docs
        .map((row) => `${row.source}>${row.target}#${row.rank}:${row.origin}:${row.score.toFixed(9)}`)
        .sort()
    const before = await snapshot()
    expect(before.length).toBeGreaterThan(10)
    const result = await rebuildMoreOn(newsroom.payload)
    expect(result.links).toBe(before.length)
    expect(await snapshot()).toEqual(before)
    await rebuildMoreOn(newsroom.payload)
    expect(await snapshot()).toEqual(before)
  })

  it('a story published while a rebuild scores is in the lists it leaves, as a fresh rebuild has them', async () => {
    const event = await tag()
    const older = await publish([event], 3)
    let published: Promise<Article> | undefined
    await rebuildMoreOn(newsroom.payload, {
      onProgress: () => {
        published ??= publish([event], 1)
      },
    })
    const follower = await published!
    expect((await listOf(older.id)).includes(follower.id)).toBe(true)
    const { stored, rebuilt } = await listsAgainstRebuild(newsroom.payload)
    expect(stored).toEqual(rebuilt)
  })

  it('a rebuild leaves no table of its own behind, even when it fails', async () => {
    const stagedTables = async () =>
      (await pool().execute(sql`SELECT relname FROM pg_class WHERE relkind = 'r' AND relname LIKE '%\_rebuild\_%'`))
        .rows
    await rebuildMoreOn(newsroom.payload)
    expect(await stagedTables()).toEqual([])
    await expect(
      rebuildMoreOn(newsroom.payload, {
        onProgress: () => {
          throw new Error('interrupted')
        },
      }),
    ).rejects.toThrow('interrupted')
    expect(await stagedTables()).toEqual([])
    const { stored, rebuilt } = await listsAgainstRebuild(newsroom.payload)
    expect(stored).toEqual(rebuilt)
  })

  it('POST /api/recommendations/rebuild is for admins only', async () => {
    expect((await newsroom.rest('POST', '/recommendations/rebuild')).status).toBe(401)
    expect((await newsroom.rest('POST', '/recommendations/rebuild', { token: editor })).status).toBe(403)
    const done = await newsroom.rest('POST', '/recommendations/rebuild', { token: admin })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ sources: expect.any(Number), links: expect.any(Number) })
  })
})

describe('the editors’ preview of a block', () => {
  const preview = (id: number, token: string | undefined) =>
    newsroom.rest('GET', `/articles/${id}/more-on/preview`, { token })
  const reasonFor = async (id: number) => {
    const response = await preview(id, editor)
    expect(response.status).toBe(200)
    expect(response.body.docs).toEqual([])
    return response.body.empty.reason as string
  }

  it('is for staff only', async () => {
    const shown = await publish([await tag('event')], 1)
    expect((await preview(shown.id, undefined)).status).toBe(401)
    expect((await preview(shown.id, editor)).status).toBe(200)
    expect((await preview(999_999, editor)).status).toBe(404)
  })

  it('shows the block readers get, with the settings that shaped it', async () => {
    const event = await tag('event')
    const first = await publish([event], 4)
    const second = await publish([event], 2)
    const response = await preview(second.id, editor)
    expect(response.status).toBe(200)
    expect(response.body.docs).toEqual((await moreOn(second.id)).body.docs)
    expect(response.body.docs.map((card: { id: number }) => card.id)).toEqual([first.id])
    expect(response.body).toMatchObject({ empty: null, settings: { listLength: 6, threshold: 2 } })
  })

  it('says why a block is empty', async () => {
    const event = await tag('event')
    await publish([event], 5)
    expect(await reasonFor((await publish([event], 1, { moreOn: { mode: 'off' } })).id)).toBe('off')
    expect(await reasonFor((await publish([event], 1, { _status: 'draft' })).id)).toBe('not-published')
    expect(await reasonFor((await publish([event], -3)).id)).toBe('scheduled')
    // Payload's scheduled publishing: the admin panel queues the id as a string, the Local API as a number.
    for (const asQueued of [String, Number]) {
      const draft = await publish([event], 1, { _status: 'draft' })
      const at = new Date(Date.now() + 3 * DAY)
      const doc = { relationTo: 'articles', value: asQueued(draft.id) } as { relationTo: 'articles'; value: number }
      await newsroom.payload.jobs.queue({ task: 'schedulePublish', input: { type: 'publish', doc }, waitUntil: at })
      expect((await preview(draft.id, editor)).body.empty).toEqual({
        reason: 'scheduled',
        message: expect.stringContaining(at.toISOString()),
      })
    }
    expect(await reasonFor((await publish([event], 1, { moreOn: { mode: 'pinned-only' } })).id)).toBe(
      'no-published-pins',
    )
    expect(await reasonFor((await publish([], 1)).id)).toBe('no-tags')
    expect(await reasonFor((await publish([await tag('event')], 1)).id)).toBe('no-shared-tags')
    const commonTopic = (
      await newsroom.payload.find({ collection: 'tags', where: { name: { equals: 'Politics' } }, limit: 1 })
    ).docs[0]!.id
    // A tag on most stories scores below the threshold: the block is filled with fallbacks, marked as such.
    const common = (await preview((await publish([commonTopic], 1)).id, editor)).body
    expect(common.empty).toBeNull()
    expect(common.settings.fallbackUpTo).toBe(3)
    expect(common.docs.map((card: { origin: string }) => card.origin)).toEqual(['fallback', 'fallback', 'fallback'])
    const person = await tag('person')
    const only = await publish([person], 2)
    expect(await reasonFor((await publish([person], 1, { moreOn: { excluded: [only.id] } })).id)).toBe('all-excluded')
  })
})

describe('published counts on tags', () => {
  it('counts the published stories that carry a tag, drafts and scheduled ones left out', async () => {
    const event = await tag('event')
    await publish([event], 3)
    await publish([event], 2)
    await publish([event], 1, { _status: 'draft' })
    await publish([event], -2)
    expect((await newsroom.rest('GET', `/tags/${event}`)).body.publishedCount).toBe(2)
  })

  it('is left out of tags read as part of a story, where it would cost a query per tag', async () => {
    const event = await tag('event')
    const shown = await publish([event], 1)
    const read = await newsroom.rest('GET', `/articles/${shown.id}?depth=1`)
    expect(read.body.tags[0].id).toBe(event)
    expect(read.body.tags[0].publishedCount).toBeUndefined()
  })
})
