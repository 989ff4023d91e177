/**
 * A save recomputes only the lists it can change. Whatever editors do, in whatever order, the stored lists must then
 * be exactly what a full rebuild computes: checked after each of a long seeded series of random edits, on tags
 * crowded enough (three candidates per tag) that most changes take the selective path.
 */
import { afterEach, describe, expect, it } from '@jest/globals'

import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'

import { rebuildMoreOn } from 'payload-plugin-more-on'
import { closeDatabasePool } from '../../src/db/postgresAdapter'
import { buildNewsroomConfig, type NewsroomOptions } from '../../src/newsroomConfig'
import { createTestDatabase } from '../helpers/database'

const DAY = 86_400_000
let payload: Payload

/** A newsroom with these plugin options on a fresh database, reached through the Local API only. */
async function newsroomWith(moreOn: NewsroomOptions['moreOn'], key: string) {
  const config = buildNewsroomConfig({
    databaseURI: await createTestDatabase(),
    secret: 'incremental',
    seedDemo: false,
    runScheduledJobs: false,
    moreOn,
  })
  return getPayload({ config, key })
}

afterEach(async () => {
  const adapter = payload.db as unknown as PostgresAdapter
  await payload.destroy()
  await closeDatabasePool(adapter)
})

function seeded(seed: number) {
  let state = seed
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
}

const snapshot = async () =>
  (await payload.find({ collection: 'recommendations', pagination: false, depth: 0, overrideAccess: true })).docs
    .map((row) => `${row.source}>${row.target}#${row.rank}:${Number(row.score).toFixed(9)}:${row.origin}`)
    .sort()

describe('incremental upkeep of "More on" lists', () => {
  it.each([
    ['sparse lists', { candidatesPerTag: 3, threshold: 1.2, halfLifeDays: 5 }, 60, 4],
    // Few publish days: many stories tie on score and are ordered by date and id.
    ['full lists with ties', { candidatesPerTag: 3, threshold: 0.2, halfLifeDays: 30, listLength: 3 }, 8, 4],
    // A threshold few pairs reach: many links are fallbacks, and scored links push them out as they arrive. Many small
    // tags and a long fallback fill: many lists stay shorter than fallbackUpTo, with room for a newcomer.
    ['many fallback links', { candidatesPerTag: 3, threshold: 2.5, fallbackUpTo: 5, listLength: 6 }, 20, 30],
  ])(
    'matches a full rebuild after every one of a long series of random edits (%s)',
    async (name, options, days, tagCount) => {
      payload = await newsroomWith(options, name)
      const random = seeded(20261126)
      const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
      const section = (await payload.create({ collection: 'sections', data: { name: 'News' } })).id
      const kinds = ['person', 'place', 'organisation', 'event', 'topic'] as const
      const tags: number[] = []
      for (let index = 0; index < tagCount; index++) {
        tags.push(
          (
            await payload.create({
              collection: 'tags',
              data: { name: `Tag ${index}`, kind: kinds[index % kinds.length]! },
            })
          ).id,
        )
      }
      const someTags = () => [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(tags)))]
      const someDate = () => new Date(Date.UTC(2026, 0, 1) + Math.floor(random() * days) * DAY).toISOString()
      const stories: number[] = []
      const write = async (status: 'published' | 'draft') => {
        const data = {
          title: `Story ${stories.length}`,
          standfirst: 'Standfirst.',
          section,
          tags: someTags(),
          publishedAt: someDate(),
          _status: status,
        }
        stories.push(
          (await payload.create({ collection: 'articles', data: data as never, draft: status === 'draft' })).id,
        )
      }
      for (let index = 0; index < 80; index++) await write('published')

      const edits: Record<string, () => Promise<unknown>> = {
        publish: () => write('published'),
        draft: () => write('draft'),
        retag: () => payload.update({ collection: 'articles', id: pick(stories), data: { tags: someTags() } }),
        redate: () => payload.update({ collection: 'articles', id: pick(stories), data: { publishedAt: someDate() } }),
        unpublish: () => payload.update({ collection: 'articles', id: pick(stories), data: { _status: 'draft' } }),
        republish: () => payload.update({ collection: 'articles', id: pick(stories), data: { _status: 'published' } }),
        delete: async () => {
          const id = pick(stories)
          stories.splice(stories.indexOf(id), 1)
          await payload.delete({ collection: 'articles', id })
        },
      }
      const names = Object.keys(edits)
      await rebuildMoreOn(payload)
      for (let step = 0; step < 60; step++) {
        const edit = pick(names)
        await edits[edit]!()
        await payload.jobs.run({ limit: 100 })
        const incremental = await snapshot()
        await rebuildMoreOn(payload)
        const rebuilt = await snapshot()
        expect({ step, edit, lists: rebuilt }).toEqual({ step, edit, lists: incremental })
      }
      const final = await snapshot()
      expect(final.length).toBeGreaterThan(20)
      if (name === 'many fallback links') {
        expect(final.filter((row) => row.endsWith(':fallback')).length).toBeGreaterThan(final.length / 4)
        expect(final.some((row) => row.endsWith(':auto'))).toBe(true)
      }
    },
  )
})
