/**
 * The "More on" benchmark: a synthetic newsroom of N articles on a database of its own, and side-by-side measurements
 * of reads, publishing, a full rebuild and list quality against the baselines users would pick. Or the same on a file
 * of real stories, with what needs no ground truth: the lists' shape, and the tag suggestions against the file's tags.
 *
 *   npm run bench -- --articles 100000 --out bench/results.json
 *   npm run bench -- --scaling [--sizes 10000,100000,1000000]   (writes bench/scaling.json, .md and .svg)
 *   npm run bench -- --corpus stories.json.gz [--lists-out lists.json] [--out FILE.json]
 */
import { spawn } from 'node:child_process'
import { readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import type { Payload } from 'payload'
import { z } from 'zod'

import { moreOnOptionsSchema } from 'payload-plugin-more-on'
import { restCaller } from '../tests/helpers/rest'
import { CORPUS_END, generateCorpus, isVisible, newClusterMember, seededRandom, type Corpus } from './corpus'
import { loadCorpus } from './load'
import { runFileCorpus } from './fileRun'
import {
  alternate,
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
import { measurePages } from './pages'
import { baselineLists, LIST_LENGTH, measureQuality } from './quality'
import { scalingPlot, scalingTable, type ScalingPoint } from './scaling'
import { quantile, round, timed } from './timing'

const argumentsSchema = z.union([
  z.object({
    scaling: z.literal(true),
    sizes: z
      .string()
      .default('10000,100000,1000000')
      .transform((sizes) => sizes.split(',').map(Number))
      .pipe(
        z
          .array(z.number().int('--sizes must be whole numbers').min(200, '--sizes must each be at least 200'))
          .min(1, '--sizes must name a size'),
      ),
    seed: z.coerce.number().int('--seed must be a whole number').default(20261126),
  }),
  z.object({
    articles: z.coerce
      .number({ error: '--articles must be a number' })
      .int('--articles must be a whole number')
      .min(200, '--articles must be at least 200'),
    out: z.string().min(1).optional(),
    seed: z.coerce.number().int('--seed must be a whole number').default(20261126),
  }),
  z.object({
    corpus: z.string().min(1, '--corpus must name a file'),
    listsOut: z.string().min(1).optional(),
    out: z.string().min(1).optional(),
  }),
])

function readArguments() {
  const { values } = parseArgs({
    options: {
      articles: { type: 'string' },
      corpus: { type: 'string' },
      'lists-out': { type: 'string' },
      out: { type: 'string' },
      scaling: { type: 'boolean' },
      seed: { type: 'string' },
      sizes: { type: 'string' },
    },
  })
  const { 'lists-out': listsOut, ...rest } = values
  const given = values.corpus !== undefined ? { ...rest, listsOut } : rest
  const parsed = argumentsSchema.safeParse(given)
  if (!parsed.success || (values.corpus !== undefined && values.articles !== undefined)) {
    const problems = parsed.success
      ? ['give --articles or --corpus, not both']
      : parsed.error.issues.flatMap((issue) =>
          issue.code === 'invalid_union' ? issue.errors.flat().map((inner) => inner.message) : [issue.message],
        )
    console.error(`bench: ${[...new Set(problems)].join('; ')}`)
    console.error('usage: npm run bench -- --articles N [--out FILE.json] [--seed S]')
    console.error('       npm run bench -- --scaling [--sizes N,N,…] [--seed S]')
    console.error('       npm run bench -- --corpus FILE[.gz] [--lists-out LISTS.json] [--out FILE.json]')
    process.exit(2)
  }
  return parsed.data
}

const settings = moreOnOptionsSchema.parse({})

/** Our scoring as one SQL aggregate over the tag table, with no stored lists: the best a query can do alone. */
function sqlBaselineQuery(): string {
  const visible = (alias: string) => `${alias}._status = 'published' AND ${alias}.published_at <= now()`
  const kindWeight = `CASE t.kind::text ${Object.entries(settings.kindWeights)
    .map(([kind, weight]) => `WHEN '${kind}' THEN ${Number(weight)}`)
    .join(' ')} ELSE ${settings.defaultKindWeight} END`
  const age = 'abs(extract(epoch FROM a.published_at - s.published_at)) / 86400'
  const score = `sum(v.value) * power(2, -${age} / ${settings.halfLifeDays})`
  return `
    WITH source AS (SELECT id, published_at FROM articles WHERE id = $1),
    source_tags AS (
      SELECT DISTINCT tags_id AS tag FROM articles_rels WHERE parent_id = $1 AND path = 'tags' AND tags_id IS NOT NULL),
    published AS (SELECT count(*)::float AS n FROM articles a WHERE ${visible('a')}),
    tag_values AS (
      SELECT r.tags_id AS tag, ln(1 + (SELECT n FROM published) / count(*)) * (${kindWeight}) AS value
      FROM articles_rels r JOIN articles a ON a.id = r.parent_id JOIN tags t ON t.id = r.tags_id
      WHERE r.path = 'tags' AND r.tags_id IN (SELECT tag FROM source_tags) AND ${visible('a')}
      GROUP BY r.tags_id, t.kind)
    SELECT a.id, ${score} AS score
    FROM articles_rels r JOIN tag_values v ON v.tag = r.tags_id JOIN articles a ON a.id = r.parent_id
    CROSS JOIN source s
    WHERE r.path = 'tags' AND a.id <> $1 AND ${visible('a')}
    GROUP BY a.id, a.published_at, s.published_at
    HAVING ${score} >= ${settings.threshold}
    ORDER BY score DESC, a.published_at DESC, a.id
    LIMIT ${LIST_LENGTH}`
}

/**
 * What a Payload user writes today: find every article sharing a tag, rank by tags in common. Page by page: asked
 * for all at once, a common tag's tens of thousands of ids overflow Postgres' parameter limit.
 */
async function naiveMoreOn(payload: Payload, id: number): Promise<number[]> {
  const source = await payload.findByID({
    collection: 'articles',
    id,
    depth: 0,
    select: { tags: true },
    overrideAccess: false,
  })
  const tags = new Set((source.tags ?? []).map((tag) => (typeof tag === 'object' ? tag.id : tag)))
  const ranked: { id: number; shared: number; at: number }[] = []
  for (let page = 1, more = true; more; page++) {
    const result = await payload.find({
      collection: 'articles',
      where: { and: [{ tags: { in: [...tags] } }, { id: { not_equals: id } }] },
      select: { tags: true, publishedAt: true },
      depth: 0,
      limit: 1000,
      page,
      overrideAccess: false,
    })
    for (const doc of result.docs) {
      const shared = (doc.tags ?? []).filter((tag) => tags.has(typeof tag === 'object' ? tag.id : tag)).length
      ranked.push({ id: doc.id, shared, at: Date.parse(doc.publishedAt ?? '') })
    }
    more = result.hasNextPage
  }
  return ranked
    .sort((a, b) => b.shared - a.shared || b.at - a.at || a.id - b.id)
    .slice(0, LIST_LENGTH)
    .map((candidate) => candidate.id)
}

async function runSynthetic({ articles: articleCount, out, seed }: { articles: number; out?: string; seed: number }) {
  const started = Date.now()
  const random = seededRandom(seed ^ 0x5eed)
  await withBenchNewsroom(async ({ database, newsroom, client, withoutPlugin }) => {
    const withPlugin = newsroom.payload
    const generation = await timed(async () => {
      const corpus = generateCorpus(articleCount, seed)
      await loadCorpus(database.uri, corpus)
      return corpus
    })
    const corpus: Corpus = generation.result
    const visible = corpus.articles.filter((article) => isVisible(article))
    const tagRows = corpus.articles.reduce((sum, article) => sum + article.tags.length, 0)
    log(
      `generated ${articleCount} articles (${visible.length} published, ${tagRows} tag links, ` +
        `${corpus.tags.length} tags) in ${(generation.ms / 1000).toFixed(1)} s`,
    )

    const rebuild = await rebuildAll(database.uri)

    const qualitySources = sample(
      visible.map((article) => article.id),
      2000,
      random,
    )
    const baselineQuality = await baselineLists(corpus, qualitySources)
    const measured = {
      moreOn: measureQuality(corpus, qualitySources, await storedLists(client, qualitySources)),
      // The same lists without their fallbacks: what they would be with `fallbackUpTo: 0`, measured in this run.
      moreOnWithoutFallbacks: measureQuality(
        corpus,
        qualitySources,
        await storedLists(client, qualitySources, { fallbacks: false }),
      ),
      ...Object.fromEntries(
        Object.entries(baselineQuality).map(([name, lists]) => [name, measureQuality(corpus, qualitySources, lists)]),
      ),
    }
    const quality = Object.fromEntries(
      Object.entries(measured).map(([name, { ndcgAt6, coverage }]) => [
        name,
        { ndcgAt6: round(ndcgAt6), coverage: round(coverage) },
      ]),
    )
    log(`quality over ${qualitySources.length} sources: ${JSON.stringify(quality)}`)
    const lists = await listShape(
      client,
      visible.map((article) => article.id),
    )
    log(`lists: ${JSON.stringify(lists)}`)

    const readIds = sample(
      visible.map((article) => article.id),
      Math.min(200, visible.length),
      random,
    )
    const read = await measureReads(restCaller(newsroom.config), readIds)
    log(`read: ${JSON.stringify(read)}`)
    const page = await measurePages(
      database.uri,
      readIds.map((id) => ({ id, slug: `story-${id}` })),
    )
    log(`page: ${JSON.stringify(page)}`)

    // The naive way takes seconds a call at scale and up to a minute at a million stories: fewer samples of it, and
    // at that size a single one with no warm-up.
    const huge = articleCount >= 500_000
    const sqlIds = readIds.slice(0, huge ? 10 : 30)
    const naiveIds = readIds.slice(0, huge ? 1 : articleCount >= 10_000 ? 10 : 30)
    const sqlQuery = sqlBaselineQuery()
    await alternate(sqlIds.slice(0, 3), { sql: (id) => client.query(sqlQuery, [id]) })
    if (!huge) await alternate(naiveIds.slice(0, 1), { naive: (id) => naiveMoreOn(withPlugin, id) })
    const baselineTimes = {
      ...(await alternate(sqlIds, { sql: (id) => client.query(sqlQuery, [id]) })),
      ...(await alternate(naiveIds, { naive: (id) => naiveMoreOn(withPlugin, id) })),
    }
    const naiveP50 = quantile(baselineTimes.naive!, 0.5)
    const sqlP50 = quantile(baselineTimes.sql!, 0.5)
    const baselines = {
      naive: { samples: naiveIds.length, p50: round(naiveP50) },
      sql: { samples: sqlIds.length, p50: round(sqlP50) },
      speedupNaive: round(naiveP50 / read.moreOn.p50, 1),
      speedupSql: round(sqlP50 / read.moreOn.p50, 1),
    }
    log(`baselines: ${JSON.stringify(baselines)}`)

    const publishCount = articleCount >= 10_000 ? 40 : 12
    // A server publishes warm: Node's compiler settles on the plugin's code paths over about fifty publishes, so both
    // sides first publish as many as are measured (four at smoke size).
    const publishWarmUp = articleCount >= 10_000 ? publishCount : 4
    const seeds = sample(visible, publishCount + publishWarmUp, random)
    let nextTitle = 0
    const newArticle = (seedArticle: (typeof visible)[number]) => {
      const cluster = corpus.clusters[seedArticle.cluster - 1]!
      const member = newClusterMember(
        cluster,
        { id: 0, section: seedArticle.section, author: seedArticle.author },
        corpus.pools,
        random,
      )
      const title = `Breaking, part ${++nextTitle}`
      return {
        title,
        standfirst: `The latest on ${title.toLowerCase()}.`,
        section: member.section,
        authors: [member.author],
        tags: member.tags,
        publishedAt: new Date(Math.min(seedArticle.publishedAt + 3_600_000, CORPUS_END)).toISOString(),
        discussion: { status: 'open' as const, moderation: 'post' as const },
        moreOn: { mode: 'auto' as const },
        _status: 'published' as const,
      }
    }
    const { publish } = await measurePublishes(
      client,
      seeds,
      publishWarmUp,
      { withPlugin, withoutPlugin: await withoutPlugin() },
      newArticle,
    )
    log(`publish: ${JSON.stringify(publish)}`)

    const result = {
      meta: {
        articles: articleCount,
        published: visible.length,
        tags: corpus.tags.length,
        tagLinks: tagRows,
        clusters: corpus.clusters.length,
        seed,
        generateSeconds: round(generation.ms / 1000, 1),
        machine: machine(),
        postgres: database.serverVersion,
        date: new Date().toISOString(),
        totalSeconds: round((Date.now() - started) / 1000, 1),
      },
      read,
      page,
      baselines,
      publish,
      rebuild,
      quality: { sources: qualitySources.length, ...quality },
      lists,
    }
    printTable(result)
    await writeResult(out, result)
  })
}

/**
 * One run per size, smallest first, each in a process of its own (a fresh Payload, and its memory alone); the table,
 * the plot and every run's whole output go to `bench/scaling.*`.
 */
async function runScaling({ sizes, seed }: { sizes: number[]; seed: number }) {
  const directory = path.dirname(fileURLToPath(import.meta.url))
  const points: ScalingPoint[] = []
  const results: Result[] = []
  for (const articles of [...sizes].sort((a, b) => a - b)) {
    const out = path.join(os.tmpdir(), `more-on-bench-${process.pid}-${articles}.json`)
    await new Promise<void>((resolve, reject) =>
      spawn(
        process.execPath,
        [
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--articles',
          String(articles),
          '--seed',
          String(seed),
          '--out',
          out,
        ],
        { stdio: 'inherit' },
      ).on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`the run at ${articles} articles failed`)))),
    )
    const result = JSON.parse(await readFile(out, 'utf8')) as Result
    await rm(out, { force: true })
    results.push(result)
    points.push({
      articles,
      read: { moreOn: result.read.moreOn.p50, plain: result.read.plain.p50 },
      publish: { moreOn: result.publish.moreOn.p50, plain: result.publish.plain.p50 },
      rebuild: { seconds: result.rebuild.seconds, peakRssMb: result.rebuild.peakRssMb },
    })
  }
  await writeResult(path.join(directory, 'scaling.json'), {
    meta: { seed, machine: machine(), date: new Date().toISOString() },
    points,
    results,
  })
  await writeFile(path.join(directory, 'scaling.md'), `${scalingTable(points)}\n`)
  await writeFile(path.join(directory, 'scaling.svg'), scalingPlot(points))
  console.log(`\n${scalingTable(points)}\n`)
}

type Result = {
  read: { ratio: number; moreOn: { p50: number }; plain: { p50: number } }
  page: { ratio: number; cachedPage: { p50: number }; plainOverHttp: { p50: number } }
  baselines: { speedupNaive: number; speedupSql: number; naive: { p50: number }; sql: { p50: number } }
  publish: { ratio: number; moreOn: { p50: number }; plain: { p50: number } }
  rebuild: { seconds: number; peakRssMb: number; articlesPerSecond: number }
  quality: Record<string, { ndcgAt6: number; coverage: number } | number>
  meta: { articles: number }
}

/** The targets: those set at 100,000 articles up to that size, those set at a million beyond. */
const targetsFor = (articles: number) =>
  articles > 100_000
    ? { read: 1.3, publish: 2.5, rebuildSeconds: 120, rebuildMb: 1024 }
    : { read: 1.2, publish: 2.0, rebuildSeconds: 10, rebuildMb: 600 }

/** Our own lists, as stored and without their fallbacks: not baselines to beat. */
const OURS = new Set(['moreOn', 'moreOnWithoutFallbacks'])

function printTable(result: Result) {
  const targets = targetsFor(result.meta.articles)
  const scorers = Object.entries(result.quality).filter(
    (entry): entry is [string, { ndcgAt6: number; coverage: number }] => typeof entry[1] === 'object',
  )
  const ours = result.quality.moreOn as { ndcgAt6: number; coverage: number }
  const bestBaseline = Math.max(...scorers.filter(([name]) => !OURS.has(name)).map(([, quality]) => quality.ndcgAt6))
  const rows: [string, string, string, boolean][] = [
    [
      'read.ratio (more-on p50 / plain GET p50)',
      `${result.read.ratio} (${result.read.moreOn.p50} / ${result.read.plain.p50} ms)`,
      `<= ${targets.read}`,
      result.read.ratio <= targets.read,
    ],
    [
      'page.ratio (cached article page p50 / REST read p50, over HTTP)',
      `${result.page.ratio} (${result.page.cachedPage.p50} / ${result.page.plainOverHttp.p50} ms)`,
      'measured',
      true,
    ],
    [
      'baselines.speedupSql',
      `${result.baselines.speedupSql}x (SQL p50 ${result.baselines.sql.p50} ms)`,
      '>= 5',
      result.baselines.speedupSql >= 5,
    ],
    [
      'baselines.speedupNaive',
      `${result.baselines.speedupNaive}x (naive p50 ${result.baselines.naive.p50} ms)`,
      '>= 50',
      result.baselines.speedupNaive >= 50,
    ],
    [
      'publish.ratio (with / without plugin)',
      `${result.publish.ratio} (${result.publish.moreOn.p50} / ${result.publish.plain.p50} ms)`,
      `<= ${targets.publish}`,
      result.publish.ratio <= targets.publish,
    ],
    [
      'rebuild.seconds',
      `${result.rebuild.seconds} s (${result.rebuild.articlesPerSecond}/s)`,
      `<= ${targets.rebuildSeconds}`,
      result.rebuild.seconds <= targets.rebuildSeconds,
    ],
    [
      'rebuild.peakRssMb',
      `${result.rebuild.peakRssMb} MB`,
      `<= ${targets.rebuildMb}`,
      result.rebuild.peakRssMb <= targets.rebuildMb,
    ],
    ...scorers.map(([name, quality]): [string, string, string, boolean] =>
      name === 'moreOnWithoutFallbacks'
        ? [`quality.${name} nDCG@6 / coverage`, `${quality.ndcgAt6} / ${quality.coverage}`, 'measured', true]
        : name === 'moreOn'
          ? [
              `quality.moreOn nDCG@6 / coverage`,
              `${quality.ndcgAt6} / ${quality.coverage}`,
              '> every baseline / >= 0.9',
              quality.ndcgAt6 > bestBaseline && quality.coverage >= 0.9,
            ]
          : [
              `quality.${name} nDCG@6 / coverage`,
              `${quality.ndcgAt6} / ${quality.coverage}`,
              `< ${ours.ndcgAt6}`,
              quality.ndcgAt6 < ours.ndcgAt6,
            ],
    ),
  ]
  const width = (column: number) => Math.max(...rows.map((row) => String(row[column]).length))
  console.log(`\n"More on" benchmark, ${result.meta.articles} articles`)
  for (const [metric, value, target, met] of rows) {
    console.log(
      [
        `  ${metric.padEnd(width(0))}`,
        value.padEnd(width(1)),
        `target ${target.padEnd(width(2))}`,
        met ? 'met' : 'NOT MET',
      ].join('  '),
    )
  }
  console.log()
}

const parsed = readArguments()
await ('corpus' in parsed ? runFileCorpus(parsed) : 'scaling' in parsed ? runScaling(parsed) : runSynthetic(parsed))
