/**
 * Tag suggestions over REST, as the admin panel asks for them: the existing tags whose name or an alias occurs in the
 * story being written, rarest and most specific first, for staff only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { sql } from '@payloadcms/db-postgres'
import type { PostgresAdapter } from '@payloadcms/db-postgres'

import { rebuildMoreOn } from 'payload-plugin-more-on'
import { makeArticle, makeSection, paragraph } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let editor: string
const tagIds: Record<string, number> = {}

type Kind = 'person' | 'place' | 'organisation' | 'event' | 'topic'
const tag = async (name: string, kind: Kind, aliases: string[] = []) =>
  (tagIds[name] = (
    await newsroom.payload.create({ collection: 'tags', data: { name, kind, aliases }, overrideAccess: true })
  ).id)

beforeAll(async () => {
  newsroom = await startTestNewsroom()
  editor = await newsroom.tokenFor('editor')
  const section = (await makeSection(newsroom.payload)).id
  await tag('William Ruto', 'person', ['Ruto'])
  await tag('Kenya', 'place')
  await tag('São Paulo', 'place')
  await tag('Politics', 'topic')
  await tag('Nairobi', 'place')
  // Politics is on many stories, Kenya on a few, Ruto on one: rarity orders them.
  for (let index = 0; index < 12; index++) {
    const tags = [
      tagIds.Politics!,
      ...(index < 3 ? [tagIds.Kenya!] : []),
      ...(index === 0 ? [tagIds['William Ruto']!] : []),
    ]
    await makeArticle(newsroom.payload, { section, tags } as never)
  }
})
afterAll(() => newsroom?.destroy())

/** As the editor, or as nobody (`null`). */
const suggest = (body: unknown, token: string | null = editor) =>
  newsroom.rest('POST', '/articles/tag-suggestions', { token: token ?? undefined, body })
const labels = (response: { body: { docs: { label: string }[] } }) => response.body.docs.map((doc) => doc.label)

describe('tag suggestions', () => {
  it('are the tags whose name or alias occurs as whole words, rarest and most specific first', async () => {
    const response = await suggest({
      document: {
        title: 'Ruto visits SAO PAULO',
        standfirst: 'The president of Kenya talks politics.',
        body: [paragraph('Politics, again: ruto and Kenya.'), paragraph('Rutoville is not a tag, nor is Nairobian.')],
      },
    })
    expect(response.status).toBe(200)
    expect(labels(response)).toEqual(['William Ruto', 'São Paulo', 'Kenya', 'Politics'])
    expect(response.body.docs[0]).toMatchObject({
      id: tagIds['William Ruto'],
      kind: 'person',
      matched: 'ruto',
      occurrences: 2,
      publishedCount: 1,
    })
  })

  it('leave out the tags the story already has, and read plain text too', async () => {
    const response = await suggest({ text: 'Kenya, Nairobi and politics', exclude: [tagIds.Kenya], limit: 1 })
    expect(response.status).toBe(200)
    expect(labels(response)).toEqual(['Nairobi'])
  })

  it('never match a phrase across two fields', async () => {
    await tag('Nairobi Talks', 'event')
    const response = await suggest({ document: { title: 'Deal signed in Nairobi', standfirst: 'Talks resume soon.' } })
    expect(labels(response)).toEqual(['Nairobi'])
    expect(labels(await suggest({ text: 'The Nairobi talks resume.' }))).toEqual(['Nairobi Talks', 'Nairobi'])
  })

  it('follow a tag as it is renamed, given aliases, and deleted', async () => {
    const text = { text: 'The Lagos governor met Babajide Sanwo-Olu.' }
    const governor = await tag('Governor of Lagos', 'person')
    expect(labels(await suggest(text))).toEqual([])
    await newsroom.payload.update({ collection: 'tags', id: governor, data: { aliases: ['Sanwo-Olu'] } })
    expect(labels(await suggest(text))).toEqual(['Governor of Lagos'])
    await newsroom.payload.update({
      collection: 'tags',
      id: governor,
      data: { name: 'Babajide Sanwo-Olu', aliases: [] },
    })
    expect((await suggest(text)).body.docs[0]).toMatchObject({
      label: 'Babajide Sanwo-Olu',
      matched: 'babajide sanwo olu',
    })
    await newsroom.payload.delete({ collection: 'tags', id: governor })
    expect(labels(await suggest(text))).toEqual([])
  })

  it('are rebuilt from the tags when the phrase table is empty (tags made before the plugin)', async () => {
    const db = (newsroom.payload.db as unknown as PostgresAdapter).drizzle
    await db.execute(sql`DELETE FROM recommendations_tag_phrases`)
    expect(labels(await suggest({ text: 'Nairobi' }))).toEqual(['Nairobi'])
    await db.execute(sql`DELETE FROM recommendations_tag_phrases`)
    await rebuildMoreOn(newsroom.payload)
    const { rows } = await db.execute(sql`SELECT count(*)::int AS count FROM recommendations_tag_phrases`)
    expect(rows[0]!.count).toBeGreaterThanOrEqual(6)
  })

  it('are for staff only, and refuse a bad body naming the field', async () => {
    expect((await suggest({ text: 'Kenya' }, null)).status).toBe(401)
    const refused = async (body: unknown, field: string) => {
      const response = await suggest(body)
      expect(response.status).toBe(400)
      expect(response.body.errors[0].field ?? '').toBe(field)
      expect(response.body.errors[0].message).toMatch(field ? new RegExp(`^(the )?${field} `) : /JSON object/)
    }
    await refused({}, 'text')
    await refused({ text: 42 }, 'text')
    await refused({ text: 'x'.repeat(200_001) }, 'text')
    await refused({ text: 'Kenya', limit: 0 }, 'limit')
    await refused({ text: 'Kenya', exclude: 'all' }, 'exclude')
    await refused({ text: 'Kenya', tags: [] }, '')
    await refused('just text', 'body')
  })

  it('keep the aliases on the tag, and their phrase table closed to every API', async () => {
    const read = await newsroom.rest('GET', `/tags/${tagIds['William Ruto']}`)
    expect(read.status).toBe(200)
    expect(read.body.aliases).toEqual(['Ruto'])
    expect((await newsroom.rest('GET', '/recommendations-tag-phrases')).status).toBe(403)
  })
})
