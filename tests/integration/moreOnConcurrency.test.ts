/**
 * Saves at once, as a busy newsroom makes them: bulk actions from the admin list and several editors at once. Every
 * stored list must still equal what a rebuild computes, and every count the truth. (Before, bulk actions updated the
 * lists of one document only, and concurrent saves drifted and deadlocked.)
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'

import { rebuildMoreOn } from 'payload-plugin-more-on'
import { database, loggedErrors, whereIdIn, within } from '../helpers/concurrency'
import { makeArticle, makeSection, makeTag } from '../helpers/fixtures'
import { countMismatches, drainJobs, listsAgainstRebuild } from '../helpers/invariants'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let token: string
let errors: string[]
beforeAll(async () => {
  // Crowded tags (three candidates each) and a low threshold: most saves change other stories' lists.
  newsroom = await startTestNewsroom({ moreOn: { candidatesPerTag: 3, threshold: 0.2, listLength: 4 } })
  token = await newsroom.tokenFor('editor')
  errors = loggedErrors(newsroom)
})
afterAll(async () => newsroom?.destroy())

describe('bulk publish, unpublish and delete from the admin list', () => {
  const bulk = (method: 'PATCH' | 'DELETE', ids: readonly number[], body?: unknown) =>
    newsroom.rest(method, `/articles?${whereIdIn(ids)}`, { token, body })

  it('updates the lists and counts of every document it changes', async () => {
    const { payload } = newsroom
    const tag = await makeTag(payload, 'Bulk flood', 'event')
    const section = (await makeSection(payload)).id
    const hour = 3_600_000
    const at = (hours: number) => new Date(Date.now() - hours * hour).toISOString()
    const published = []
    for (let index = 0; index < 3; index++)
      published.push(await makeArticle(payload, { section, tags: [tag.id], publishedAt: at(10 + index) }))
    const drafts = []
    for (let index = 0; index < 6; index++) {
      drafts.push(await makeArticle(payload, { section, tags: [tag.id], _status: 'draft', publishedAt: at(2 + index) }))
    }
    const draftIds = drafts.map((draft) => draft.id)

    const publishing = await bulk('PATCH', draftIds, { _status: 'published' })
    expect(publishing.status).toBe(200)
    expect(publishing.body.docs).toHaveLength(6)
    expect((await newsroom.rest('GET', `/tags/${tag.id}`)).body.publishedCount).toBe(9)
    expect(await countMismatches(payload)).toEqual([])
    const afterPublish = await listsAgainstRebuild(payload)
    expect(afterPublish.stored).toEqual(afterPublish.rebuilt)
    const block = await newsroom.rest('GET', `/articles/${draftIds[0]}/more-on`)
    expect(block.body.docs.length).toBeGreaterThan(0)

    expect((await bulk('PATCH', draftIds.slice(0, 3), { _status: 'draft' })).status).toBe(200)
    expect((await newsroom.rest('GET', `/tags/${tag.id}`)).body.publishedCount).toBe(6)
    const preview = await newsroom.rest('GET', `/articles/${published[0]!.id}/more-on/preview`, { token })
    const previewed = preview.body.docs.map((card: { id: number }) => card.id)
    for (const id of draftIds.slice(0, 3)) expect(previewed).not.toContain(id)
    const afterUnpublish = await listsAgainstRebuild(payload)
    expect(afterUnpublish.stored).toEqual(afterUnpublish.rebuilt)

    expect((await bulk('DELETE', draftIds.slice(3))).status).toBe(200)
    const { rows } = await database(newsroom).execute(
      sql`SELECT count(*)::int AS n FROM recommendations WHERE source_id IS NULL OR target_id IS NULL`,
    )
    expect(rows[0]).toEqual({ n: 0 })
    expect((await newsroom.rest('GET', `/tags/${tag.id}`)).body.publishedCount).toBe(3)
    // A later save on the same tag goes through (it failed on a foreign key before).
    expect(
      (await newsroom.rest('PATCH', `/articles/${published[1]!.id}`, { token, body: { title: 'Later' } })).status,
    ).toBe(200)
    expect(await countMismatches(payload)).toEqual([])
    const afterDelete = await listsAgainstRebuild(payload)
    expect(afterDelete.stored).toEqual(afterDelete.rebuilt)
    expect(errors).toEqual([])
  })

  it('rescores every tag of a bulk change of kinds', async () => {
    const { payload } = newsroom
    const section = (await makeSection(payload)).id
    const tags = [await makeTag(payload, 'Kind one', 'topic'), await makeTag(payload, 'Kind two', 'topic')]
    for (let index = 0; index < 4; index++) await makeArticle(payload, { section, tags: [tags[index % 2]!.id] })
    expect(
      (
        await newsroom.rest('PATCH', `/tags?${whereIdIn(tags.map((tag) => tag.id))}`, {
          token,
          body: { kind: 'person' },
        })
      ).status,
    ).toBe(200)
    const lists = await listsAgainstRebuild(payload)
    expect(lists.stored).toEqual(lists.rebuilt)
  })
})

describe('concurrent saves of the same and of neighbouring stories', () => {
  it('leave every list as a rebuild computes it, every count true, and no deadlock', async () => {
    const { payload } = newsroom
    const section = (await makeSection(payload)).id
    const tags: number[] = []
    for (let index = 0; index < 4; index++)
      tags.push((await makeTag(payload, `Crowded ${index}`, index % 2 ? 'person' : 'place')).id)
    const day = 86_400_000
    const stories: number[] = []
    for (let index = 0; index < 24; index++) {
      stories.push(
        (
          await makeArticle(payload, {
            section,
            tags: [tags[index % 4]!, tags[(index + 1) % 4]!],
            publishedAt: new Date(Date.now() - (index % 6) * day).toISOString(),
          })
        ).id,
      )
    }
    let seed = 11
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
    const someTags = () => [...new Set([pick(tags), pick(tags)])]
    const someDate = () => new Date(Date.now() - Math.floor(random() * 6) * day - 60_000).toISOString()
    const operations = [
      () =>
        newsroom.rest('POST', '/articles', {
          token,
          body: {
            title: 'New story',
            standfirst: 'S.',
            section,
            tags: someTags(),
            _status: 'published',
            publishedAt: someDate(),
          },
        }),
      () => newsroom.rest('PATCH', `/articles/${pick(stories)}`, { token, body: { tags: someTags() } }),
      () => newsroom.rest('PATCH', `/articles/${pick(stories)}`, { token, body: { publishedAt: someDate() } }),
      () => newsroom.rest('PATCH', `/articles/${pick(stories)}`, { token, body: { _status: 'draft' } }),
      () => newsroom.rest('PATCH', `/articles/${pick(stories)}`, { token, body: { _status: 'published' } }),
      () =>
        newsroom.rest('DELETE', `/articles/${stories.splice(Math.floor(random() * stories.length), 1)[0]}`, { token }),
      () =>
        newsroom.rest('PATCH', `/articles?${whereIdIn([pick(stories), pick(stories)])}`, {
          token,
          body: { _status: 'published' },
        }),
    ]
    const statuses: number[] = []
    const writer = async () => {
      for (let step = 0; step < 12; step++) {
        const answer = await pick(operations)()
        statuses.push(answer.status)
        if (answer.status === 201) stories.push(answer.body.doc.id)
      }
    }
    await within(100_000, Promise.all(Array.from({ length: 6 }, writer)), 'six writers')
    // A delete may find its story already deleted by another writer.
    expect(statuses.filter((status) => status !== 200 && status !== 201 && status !== 404)).toEqual([])
    await drainJobs(payload)
    expect(await countMismatches(payload)).toEqual([])
    const lists = await listsAgainstRebuild(payload)
    expect(lists.stored).toEqual(lists.rebuilt)
    expect(errors).toEqual([])
  })

  it('leave every list right when rebuilds (two at once) run beside them', async () => {
    const { payload } = newsroom
    const section = (await makeSection(payload)).id
    const tags = [
      (await makeTag(payload, 'Rebuilt person', 'person')).id,
      (await makeTag(payload, 'Rebuilt place', 'place')).id,
    ]
    const stories: number[] = []
    for (let index = 0; index < 12; index++)
      stories.push((await makeArticle(payload, { section, tags: [tags[index % 2]!, tags[(index + 1) % 2]!] })).id)
    const saves = async () => {
      for (let step = 0; step < 10; step++) {
        const id = stories[step % stories.length]!
        const answer = await newsroom.rest('PATCH', `/articles/${id}`, {
          token,
          body: { tags: step % 3 ? [tags[0]] : tags, _status: step % 4 ? 'published' : 'draft' },
        })
        expect(answer.status).toBe(200)
      }
    }
    await within(
      100_000,
      Promise.all([saves(), rebuildMoreOn(payload), saves(), rebuildMoreOn(payload)]),
      'saves beside rebuilds',
    )
    expect(await countMismatches(payload)).toEqual([])
    const lists = await listsAgainstRebuild(payload)
    expect(lists.stored).toEqual(lists.rebuilt)
    expect(errors).toEqual([])
  })
})
