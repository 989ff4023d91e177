/**
 * The hostile requests of the request limits, timed against a synthetic newsroom: how long each takes to be refused,
 * and a reader's article read alone and while those requests arrive without pause (medians, side by side).
 *
 *   npm run bench:hostile -- [--articles 20000] [--out FILE.json]
 */
import { writeFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { z } from 'zod'

import { graphqlCaller, restCaller } from '../tests/helpers/rest'
import { generateCorpus, isVisible } from './corpus'
import { openBenchDatabase } from './database'
import { loadCorpus } from './load'
import { startBenchNewsroom, stopBenchNewsroom } from './newsroom'
import { quantile, round, timed } from './timing'

const { values } = parseArgs({ options: { articles: { type: 'string' }, out: { type: 'string' } } })
const { articles, out } = z
  .object({ articles: z.coerce.number().int().min(200).default(20_000), out: z.string().optional() })
  .parse(values)
const log = (message: string) => console.log(`[hostile ${new Date().toISOString().slice(11, 19)}] ${message}`)
const median = (times: number[]) => round(quantile(times, 0.5), 1)

const fragments = ['fragment F0 on Article { __typename }']
for (let level = 1; level <= 21; level++)
  fragments.push(`fragment F${level} on Article { ...F${level - 1} ...F${level - 1} }`)
const aliases = Array.from({ length: 300 }, (_, index) => `a${index}: MoreOnArticle(id: 1) { docs { title } }`).join(
  ' ',
)
const ors = Array.from({ length: 100 }, (_, index) => `where[or][${index}][tags.name][like]=x${index}`).join('&')

const database = await openBenchDatabase()
const newsroom = await startBenchNewsroom(database.uri, { plugin: true })
try {
  await newsroom.payload.db.migrate()
  const corpus = generateCorpus(articles, 20261202)
  await loadCorpus(database.uri, corpus)
  const visible = corpus.articles.filter((article) => isVisible(article))
  log(`${articles} articles loaded`)
  const rest = restCaller(newsroom.config)
  const graphql = graphqlCaller(newsroom.config)

  const hostile: Record<string, () => Promise<{ status: number }>> = {
    'graphql fragment chain (21 levels)': () =>
      graphql(`
        query {
          Articles {
            docs {
              ...F21
            }
          }
        }
        ${fragments.join(' ')}
      `),
    'graphql 10,000 __typename': () => graphql(`{ ${'__typename '.repeat(10_000)} }`),
    'graphql 300 aliases of MoreOn': () => graphql(`{ ${aliases} }`),
    'rest where with 100 or clauses': () => rest('GET', `/articles?${ors}`),
    'rest id 99999999999': () => rest('GET', '/articles/99999999999'),
    'rest limit=100000': () => rest('GET', '/articles?limit=100000'),
    'rest where[id][in]=abc': () => rest('GET', '/articles?where[id][in]=abc'),
  }
  const refusals: Record<string, { status: number; p50Ms: number }> = {}
  for (const [name, send] of Object.entries(hostile)) {
    const times: number[] = []
    let status = 0
    for (let run = 0; run < 7; run++) {
      const { ms, result } = await timed(send)
      times.push(ms)
      status = result.status
    }
    refusals[name] = { status, p50Ms: median(times) }
    log(`${name}: ${status} in ${median(times)} ms (p50)`)
  }

  const read = (index: number) => rest('GET', `/articles/${visible[index % visible.length]!.id}?depth=1`)
  const readTimes = async (count: number) => {
    const times: number[] = []
    for (let index = 0; index < count; index++) times.push((await timed(() => read(index * 7919))).ms)
    return times
  }
  await readTimes(50)
  const alone = await readTimes(200)
  let flooding = true
  const senders = Object.values(hostile)
  const flood = (async () => {
    // A refusal needs no I/O: without a turn of the event loop between them, the flood would starve the reads.
    for (let index = 0; flooding; index++) {
      await senders[index % senders.length]!()
      await new Promise((resolve) => setImmediate(resolve))
    }
  })()
  const underFlood = await readTimes(200)
  flooding = false
  await flood
  const reads = {
    aloneP50Ms: median(alone),
    underFloodP50Ms: median(underFlood),
    ratio: round(quantile(underFlood, 0.5) / quantile(alone, 0.5), 2),
  }
  log(
    `a reader's article read: ${reads.aloneP50Ms} ms alone, ` +
      `${reads.underFloodP50Ms} ms under the flood (x${reads.ratio})`,
  )
  if (out)
    await writeFile(out, `${JSON.stringify({ articles, date: new Date().toISOString(), refusals, reads }, null, 2)}\n`)
} finally {
  await stopBenchNewsroom(newsroom.payload)
  await database.close()
}
