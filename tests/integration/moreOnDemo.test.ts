import { spawn } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { createTestDatabase } from '../helpers/database'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let databaseURI: string
beforeAll(async () => {
  databaseURI = await createTestDatabase()
  newsroom = await startTestNewsroom({ databaseURI, seedDemo: true })
  await newsroom.payload.jobs.run({ limit: 1000 })
})
afterAll(() => newsroom?.destroy())

type Card = { id: number; slug: string; sharedTags: Array<{ slug: string }> }
const bySlug = async (slug: string) =>
  (await newsroom.rest('GET', `/articles?where[slug][equals]=${slug}&depth=0`)).body.docs[0]
const block = async (id: number) => (await newsroom.rest('GET', `/articles/${id}/more-on`)).body.docs as Card[]

describe('"More on" in the demo newsroom', () => {
  it('each article of a running story lists the story’s other articles first, with their shared tags', async () => {
    const runningStories = {
      'northgate-floods': 4,
      'teachers-strike': 4,
      'national-cup': 2,
      'tidewater-film-festival': 4,
    }
    for (const [storyTag, minimum] of Object.entries(runningStories)) {
      const tag = (await newsroom.rest('GET', `/tags?where[slug][equals]=${storyTag}`)).body.docs[0]
      const tagged = (await newsroom.rest('GET', `/tags/${storyTag}/articles?limit=50&depth=0`)).body.docs as Array<{
        id: number
        tags: number[]
      }>
      // The story's own articles: those whose primary (first) tag is the story. Others only touch on it.
      const members = tagged.filter((article) => article.tags[0] === tag.id)
      expect(members.length).toBeGreaterThanOrEqual(minimum)
      for (const member of members) {
        const cards = await block(member.id)
        expect(cards.length).toBeGreaterThanOrEqual(Math.min(3, members.length - 1))
        const leading = cards.slice(0, Math.min(3, tagged.length - 1))
        for (const card of leading) expect(card.sharedTags.map((shared) => shared.slug)).toContain(tag.slug)
      }
    }
  })

  it('a new article tagged into a running story joins the older articles’ blocks in the same request', async () => {
    const editor = await newsroom.tokenFor('editor')
    const tags = (
      await newsroom.rest('GET', '/tags?where[slug][in]=northgate-floods,river-sell,northgate&depth=0')
    ).body.docs.map((doc: { id: number }) => doc.id)
    const section = (await newsroom.rest('GET', '/sections?where[slug][equals]=news')).body.docs[0].id
    const created = await newsroom.rest('POST', '/articles', {
      token: editor,
      body: {
        title: 'River Sell falls below flood level for the first time in a month',
        standfirst: 'Northgate begins to count the cost.',
        section,
        tags,
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    const older = await bySlug('northgate-reopens-its-schools-a-month-after-the-flood')
    expect((await block(older.id)).map((card) => card.id)).toContain(created.body.doc.id)
  })

  it('`npm run more-on:rebuild` recomputes every list, with progress, and changes nothing that was right', async () => {
    await newsroom.payload.jobs.run({ limit: 1000 })
    const snapshot = async () =>
      (
        await newsroom.payload.find({
          collection: 'recommendations',
          pagination: false,
          depth: 0,
          overrideAccess: true,
        })
      ).docs
        .map((row) => `${row.source}>${row.target}#${row.rank}`)
        .sort()
    const before = await snapshot()
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/scripts/moreOnRebuild.ts'], {
        env: { ...process.env, DATABASE_URI: databaseURI, NODE_OPTIONS: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let text = ''
      child.stdout!.on('data', (chunk) => (text += chunk))
      child.stderr!.on('data', (chunk) => (text += chunk))
      child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}:\n${text}`))))
    })
    expect(output).toMatch(/more-on: \d+ of \d+ lists rebuilt/)
    expect(output).toMatch(/more-on: rebuilt \d+ lists with \d+ links/)
    expect(await snapshot()).toEqual(before)
  }, 60_000)
})
