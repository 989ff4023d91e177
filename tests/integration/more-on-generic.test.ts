import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { postgresAdapter, type PostgresAdapter } from '@payloadcms/db-postgres'
import { REST_GET } from '@payloadcms/next/routes'
import { buildConfig, getPayload, type Payload } from 'payload'

import { moreOn, rebuildMoreOn } from '../../plugins/more-on'
import { closeDatabasePool } from '../../src/db/postgres-adapter'
import { createTestDatabase } from '../helpers/database'

/**
 * The plugin on a project that is not a newsroom: `posts` tagged with `keywords` (no kinds, no drafts), dated by
 * `publishedOn`, links stored in `related-posts`, and a small candidate window so crowded keywords take the
 * windowed path.
 */
const DAY = 86_400_000
let payload: Payload
let config: ReturnType<typeof buildConfig>

beforeAll(async () => {
  config = buildConfig({
    secret: 'generic-plugin-test-secret',
    db: postgresAdapter({ pool: { connectionString: await createTestDatabase() } }),
    collections: [
      { slug: 'keywords', access: { read: () => true }, fields: [{ name: 'name', type: 'text' }, { name: 'slug', type: 'text' }] },
      {
        slug: 'posts',
        access: { read: () => true },
        fields: [
          { name: 'title', type: 'text' },
          { name: 'publishedOn', type: 'date' },
          { name: 'keywords', type: 'relationship', relationTo: 'keywords' as never, hasMany: true },
        ],
      },
    ],
    plugins: [
      moreOn({
        collection: 'posts',
        tagField: 'keywords',
        tagCollection: 'keywords',
        kindField: false,
        publishedAtField: 'publishedOn',
        recommendationsSlug: 'related-posts',
        threshold: 0,
        listLength: 3,
        candidatesPerTag: 3,
        cardSelect: { title: true },
        cardPopulate: {},
      }),
    ],
  })
  payload = await getPayload({ config })
})
afterAll(async () => {
  const adapter = payload?.db as unknown as PostgresAdapter
  await payload?.destroy()
  if (adapter) await closeDatabasePool(adapter)
})

const create = async (collection: string, data: Record<string, unknown>) =>
  ((await payload.create({ collection: collection as never, data: data as never })) as { id: number }).id
const keyword = (name: string) => create('keywords', { name, slug: name.toLowerCase() })
const post = (title: string, day: number, keywords: number[]) =>
  create('posts', { title, publishedOn: new Date(Date.UTC(2025, 0, 1) + day * DAY).toISOString(), keywords })

async function moreOnOf(id: number) {
  const response = await REST_GET(config)(new Request(`http://localhost/api/posts/${id}/more-on`), { params: Promise.resolve({ slug: ['posts', String(id), 'more-on'] }) })
  expect(response.status).toBe(200)
  return (await response.json()).docs as Array<{ id: number; title: string; sharedTags: Array<{ id: number; name: string; slug: string }>; origin: string }>
}

const snapshot = async () =>
  (await payload.find({ collection: 'related-posts' as never, pagination: false, depth: 0 })).docs
    .map((row: Record<string, any>) => `${row.source}>${row.target}#${row.rank}:${row.score.toFixed(9)}`)
    .sort()

/** Queued work that is due now (a scheduled post's job waits for its date). */
const pendingJobs = async () =>
  (
    await payload.count({
      collection: 'payload-jobs',
      where: { completedAt: { exists: false }, or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than_equal: new Date().toISOString() } }] },
    })
  ).totalDocs

describe('more-on on another project', () => {
  let crowded: number
  const posts: number[] = []

  it('links posts by shared keywords, with cards of the fields asked for', async () => {
    const [cats, dogs] = [await keyword('Cats'), await keyword('Dogs')]
    const first = await post('Cats at home', 0, [cats])
    const second = await post('Cats and dogs', 2, [cats, dogs])
    await post('Dogs only', 3, [dogs])
    const cards = await moreOnOf(first)
    expect(cards).toEqual([{ id: second, title: 'Cats and dogs', publishedOn: expect.any(String), sharedTags: [{ id: cats, name: 'Cats', slug: 'cats', contribution: expect.any(Number) }], score: expect.any(Number), origin: 'auto' }])
  })

  it('leaves out posts whose date has not come', async () => {
    const birds = await keyword('Birds')
    const now = Date.now()
    const live = await create('posts', { title: 'Birds today', publishedOn: new Date(now - DAY).toISOString(), keywords: [birds] })
    await create('posts', { title: 'Birds tomorrow', publishedOn: new Date(now + DAY).toISOString(), keywords: [birds] })
    expect(await moreOnOf(live)).toEqual([])
  })

  it('a crowded keyword takes the windowed path and still matches a rebuild exactly', async () => {
    crowded = await keyword('Crowded')
    for (let day = 0; day < 20; day++) posts.push(await post(`Crowded ${day}`, 100 + day * 3, [crowded, await keyword(`Extra ${day % 4}-${day}`)]))
    await payload.jobs.run({ limit: 1000 })
    await rebuildMoreOn(payload, { recommendationsSlug: 'related-posts' })
    expect(await pendingJobs()).toBe(0)

    // Incremental changes that move no rounded statistic: a post in the middle, a date change, a delete.
    await post('Crowded, late arrival', 100 + 10 * 3 + 1, [crowded])
    await payload.update({ collection: 'posts' as never, id: posts[5]!, data: { publishedOn: new Date(Date.UTC(2025, 0, 1) + 160 * DAY).toISOString() } as never })
    await payload.delete({ collection: 'posts' as never, id: posts[12]! })
    expect(await pendingJobs()).toBe(0)

    const incremental = await snapshot()
    await rebuildMoreOn(payload, { recommendationsSlug: 'related-posts' })
    expect(await snapshot()).toEqual(incremental)
  })

  it('a crowded keyword whose rarity moves hands the rest to a queued job, which converges on a rebuild', async () => {
    for (let day = 0; day < 6; day++) await post(`Crowded burst ${day}`, 300 + day, [crowded])
    expect(await pendingJobs()).toBeGreaterThan(0)
    await payload.jobs.run({ limit: 1000 })
    const converged = await snapshot()
    await rebuildMoreOn(payload, { recommendationsSlug: 'related-posts' })
    expect(await snapshot()).toEqual(converged)
  })
})
