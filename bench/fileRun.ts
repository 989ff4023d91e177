/**
 * The benchmark on a file of real stories: all but the newest 1% loaded in bulk, every list built by a full rebuild,
 * then the newest 1% published through the Local API (with the plugin, and as copies without it) as the publish
 * sample. Reports what needs no ground truth: reads, publishing, the rebuild, and the shape of the lists.
 */
import { writeFile } from 'node:fs/promises'

import { readFileCorpus } from './fileCorpus'
import { bodyOf, loadCorpus } from './load'
import {
  listShape,
  log,
  machine,
  measurePublishes,
  measureReads,
  rebuildAll,
  sample,
  storedLists,
  withBenchNewsroom,
  writeResult,
} from './measure'
import { restCaller } from '../tests/helpers/rest'
import { seededRandom } from './corpus'
import { measureSuggestions } from './suggestions'
import { round } from './timing'

export async function runFileCorpus({
  corpus: file,
  listsOut,
  out,
}: {
  corpus: string
  listsOut?: string
  out?: string
}) {
  const started = Date.now()
  const random = seededRandom(20261202)
  const corpus = await readFileCorpus(file)
  const sampleSize = Math.max(5, Math.round(corpus.articles.length * 0.01))
  const loaded = corpus.articles.slice(0, -sampleSize)
  const newest = corpus.articles.slice(-sampleSize)
  await withBenchNewsroom(async ({ database, newsroom, client, withoutPlugin }) => {
    await loadCorpus(database.uri, { ...corpus, articles: loaded })
    const tagLinks = corpus.articles.reduce((sum, article) => sum + article.tags.length, 0)
    log(
      `loaded ${loaded.length} of the ${corpus.articles.length} stories of ${corpus.name} ` +
        `(${corpus.tags.length} tags, ${tagLinks} tag links); the newest ${newest.length} are the publish sample`,
    )
    const rebuild = await rebuildAll(database.uri)

    const sourceIds = new Map(corpus.sourceIds)
    const { publish, published, copies } = await measurePublishes(
      client,
      newest,
      Math.min(4, newest.length - 1),
      { withPlugin: newsroom.payload, withoutPlugin: await withoutPlugin() },
      (story, copy) => ({
        title: copy ? `${story.title} (without the plugin)` : story.title,
        standfirst: story.text?.split(/(?<=\.)\s/)[0]?.slice(0, 300) || story.title,
        section: story.section,
        authors: [story.author],
        tags: story.tags,
        publishedAt: new Date(story.publishedAt).toISOString(),
        body: bodyOf(story),
        _status: 'published' as const,
      }),
    )
    log(`publish: ${JSON.stringify(publish)}`)
    for (const { item, id } of published) sourceIds.set(id, corpus.sourceIds.get(item.id)!)
    // The copies were never indexed by the plugin: they go before the lists are read.
    const plain = await withoutPlugin()
    for (const id of copies) await plain.delete({ collection: 'articles', id })

    const ids = [...loaded.map((article) => article.id), ...published.map(({ id }) => id)]
    const lists = await listShape(client, ids)
    log(`lists: ${JSON.stringify(lists)}`)
    const read = await measureReads(restCaller(newsroom.config), sample(ids, Math.min(200, ids.length), random))
    log(`read: ${JSON.stringify(read)}`)

    if (listsOut) {
      const stored = await storedLists(client, ids)
      const byCorpusId = Object.fromEntries(
        ids.map((id) => [sourceIds.get(id)!, (stored.get(id) ?? []).map((target) => sourceIds.get(target)!)]),
      )
      await writeFile(listsOut, `${JSON.stringify(byCorpusId)}\n`)
      log(`every stored list written to ${listsOut}, keyed by the corpus's ids`)
    }

    const suggestions = await measureSuggestions(newsroom, client, corpus, random)

    const result = {
      meta: {
        corpus: corpus.name,
        articles: corpus.articles.length,
        tags: corpus.tags.length,
        tagLinks,
        machine: machine(),
        postgres: database.serverVersion,
        date: new Date().toISOString(),
        totalSeconds: round((Date.now() - started) / 1000, 1),
      },
      read,
      publish,
      rebuild,
      lists,
      suggestions,
    }
    console.log(`\n"More on" benchmark on ${corpus.name}, ${corpus.articles.length} stories`)
    console.log(`  read.ratio          ${read.ratio} (${read.moreOn.p50} / ${read.plain.p50} ms)`)
    console.log(`  publish.ratio       ${publish.ratio} (${publish.moreOn.p50} / ${publish.plain.p50} ms)`)
    console.log(`  rebuild             ${rebuild.seconds} s, peak RSS ${rebuild.peakRssMb} MB`)
    console.log(
      `  coverage (>= 3)     ${lists.coverage}   with a block ${lists.withBlock}` +
        `   without fallbacks ${lists.coverageWithoutFallbacks}`,
    )
    console.log(`  mean links          ${lists.meanLinks}   by origin ${JSON.stringify(lists.linksByOrigin)}`)
    console.log(
      `  tag suggestions     precision@5 ${suggestions.precisionAt5}, recall@5 ${suggestions.recallAt5}; ` +
        `p50 ${suggestions.timing.p50} ms for ${suggestions.timing.words} words, ${suggestions.timing.tags} tags\n`,
    )
    await writeResult(out, result)
  })
}
