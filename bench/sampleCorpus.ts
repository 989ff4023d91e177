/**
 * Writes a small corpus in the file format `--corpus` reads, from the synthetic generator: so that CI runs the
 * real-corpus path end to end on any machine.
 *
 *   npx tsx bench/sampleCorpus.ts OUT.json.gz [ARTICLES]
 */
import { writeFile } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'

import { generateCorpus, isVisible } from './corpus'

const [out, size = '1000'] = process.argv.slice(2)
if (!out) {
  console.error('usage: npx tsx bench/sampleCorpus.ts OUT.json.gz [ARTICLES]')
  process.exit(2)
}
const corpus = generateCorpus(Number(size), 20261202)
const tags = new Map(corpus.tags.map((tag) => [tag.id, tag]))
const articles = corpus.articles
  .filter((article) => isVisible(article))
  .map((article) => {
    const named = article.tags.map((id) => tags.get(id)!)
    return {
      id: `sample-${article.id}`,
      publishedAt: new Date(article.publishedAt).toISOString(),
      title: `Story ${article.cluster}, part ${article.id}`,
      tags: named.map(({ name, kind }) => ({ name, kind })),
      text: `${named.map((tag) => tag.name).join(', ')}: what happened.\n\nMore to follow.`,
    }
  })
const json = JSON.stringify({ name: `synthetic sample of ${articles.length} stories`, articles })
await writeFile(out, out.endsWith('.gz') ? gzipSync(json) : json)
console.log(`wrote ${articles.length} stories to ${out}`)
