/** The benchmark's reader of real-story files: gzip or plain JSON, checked, renumbered in publish order. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { readFileCorpus } from '../../bench/fileCorpus'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-corpus-'))
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const stories = {
  name: 'Two wires',
  articles: [
    {
      id: 'b',
      publishedAt: '1987-03-02T10:00:00.000Z',
      title: 'LATER',
      tags: [
        { name: 'usa', kind: 'place' },
        { name: 'James Baker', kind: 'person' },
      ],
      text: 'WASHINGTON - Baker said.\n\nMore.',
    },
    { id: 'a', publishedAt: '1987-03-01T10:00:00.000Z', title: '', tags: [{ name: 'usa', kind: 'place' }], text: '' },
  ],
}

async function file(name: string, content: unknown, gzip = false) {
  const target = path.join(dir, name)
  const bytes = Buffer.from(JSON.stringify(content))
  await writeFile(target, gzip ? gzipSync(bytes) : bytes)
  return target
}

describe('a corpus file', () => {
  it('is read gzipped or plain, renumbered in publish order, one tag per name, its own ids kept', async () => {
    for (const gzip of [true, false]) {
      const corpus = await readFileCorpus(await file(`stories-${gzip}.json`, stories, gzip))
      expect(corpus.name).toBe('Two wires')
      expect(corpus.articles.map((article) => [article.id, corpus.sourceIds.get(article.id)])).toEqual([
        [1, 'a'],
        [2, 'b'],
      ])
      expect(corpus.tags).toEqual([
        { id: 1, name: 'usa', slug: 'usa', kind: 'place' },
        { id: 2, name: 'James Baker', slug: 'james-baker', kind: 'person' },
      ])
      expect(corpus.articles[1]).toMatchObject({ tags: [1, 2], title: 'LATER', status: 'published' })
      expect(corpus.articles[0]!.title).toBe('Story a')
    }
  })

  it('that does not fit is refused, naming the article and field', async () => {
    const broken = { articles: [{ ...stories.articles[0], publishedAt: 'yesterday' }] }
    await expect(readFileCorpus(await file('broken.json', broken))).rejects.toThrow(/articles\.0\.publishedAt/)
    await expect(readFileCorpus(await file('empty.json', { articles: [] }))).rejects.toThrow(/at least one article/)
  })
})
