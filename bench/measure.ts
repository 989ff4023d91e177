/**
 * What both benchmark runs share: a database of their own with the newsroom on it, the full rebuild in a process of
 * its own, reads and publishes measured side by side with their baselines, and the shape of the stored lists.
 */
import { spawn } from 'node:child_process'
import { writeFile } from 'node:fs/promises'
import os from 'node:os'
import type { Payload } from 'payload'
import pg from 'pg'

import { restCaller } from '../tests/helpers/rest'
import { openBenchDatabase, type BenchDatabase } from './database'
import { startBenchNewsroom, stopBenchNewsroom } from './newsroom'
import type { Lists } from './quality'
import { quantile, round, spread, timed, type Spread } from './timing'

export const log = (message: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`)

/** A seeded sample of distinct items. */
export function sample<T>(items: readonly T[], count: number, random: () => number): T[] {
  const copy = [...items]
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[copy[index], copy[other]] = [copy[other]!, copy[index]!]
  }
  return copy.slice(0, count)
}

/** Runs the calls of each kind in turn on each item, so that both see the same conditions; returns ms per kind. */
export async function alternate<T>(
  items: readonly T[],
  calls: Record<string, (item: T) => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(calls).map((name) => [name, []]))
  const names = Object.keys(calls)
  for (const [index, item] of items.entries()) {
    const order = index % 2 === 0 ? names : [...names].reverse()
    for (const name of order) times[name]!.push((await timed(() => calls[name]!(item))).ms)
  }
  return times
}

/**
 * Two reads alternating on the same ids, after a pass that reads every id once each way: p50/p95 of each, and
 * `ratio`, the first's p50 over the second's (the baseline's), under the names the result gives them. The pass is
 * there so that the samples measure each path, not the first touch of each story's rows in Postgres' buffers (a block
 * touches seven stories' rows, the plain read one) right after the rebuild wrote them.
 */
export async function readsSideBySide<Measured extends string, Baseline extends string>(
  ids: readonly number[],
  [measured, read]: [Measured, (id: number) => Promise<unknown>],
  [baseline, readBaseline]: [Baseline, (id: number) => Promise<unknown>],
) {
  const calls = { measured: read, baseline: readBaseline }
  await alternate(ids, calls)
  const reads = await alternate(ids, calls)
  return {
    samples: ids.length,
    ...({ [measured]: spread(reads.measured!) } as Record<Measured, Spread>),
    ...({ [baseline]: spread(reads.baseline!) } as Record<Baseline, Spread>),
    ratio: round(quantile(reads.measured!, 0.5) / quantile(reads.baseline!, 0.5)),
  }
}

export function runRebuildProcess(
  databaseURI: string,
): Promise<{ sources: number; links: number; seconds: number; peakRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/rebuildProcess.ts'], {
      env: { ...process.env, BENCH_DATABASE_URI: databaseURI },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.once('exit', (code) => {
      const line = output
        .trim()
        .split('\n')
        .reverse()
        .find((candidate) => candidate.startsWith('{'))
      if (code === 0 && line) resolve(JSON.parse(line))
      else reject(new Error(`the rebuild process failed (exit ${code}):\n${output}`))
    })
  })
}

/** Each source's stored list in display order; without fallbacks, what `fallbackUpTo: 0` would have stored. */
export async function storedLists(
  client: pg.Client,
  sources: readonly number[],
  { fallbacks }: { fallbacks: boolean } = { fallbacks: true },
): Promise<Lists> {
  const { rows } = await client.query<{ source_id: number; targets: number[] }>(
    'SELECT source_id, array_agg(target_id ORDER BY rank) AS targets FROM recommendations ' +
      `WHERE source_id = ANY($1::int[]) ${fallbacks ? '' : "AND origin <> 'fallback'"} GROUP BY source_id`,
    [sources],
  )
  return new Map(rows.map((row) => [row.source_id, row.targets]))
}

/** The shape of these sources' stored lists: how many have a block, how many 3 links or more, links by origin. */
export async function listShape(client: pg.Client, sources: readonly number[]) {
  const { rows } = await client.query<{ links: number; fallbacks: number; pinned: number }>(
    `SELECT count(r.source_id)::int AS links, count(*) FILTER (WHERE r.origin = 'fallback')::int AS fallbacks,
            count(*) FILTER (WHERE r.origin = 'pinned')::int AS pinned
     FROM unnest($1::int[]) AS s(id) LEFT JOIN recommendations r ON r.source_id = s.id GROUP BY s.id`,
    [sources],
  )
  const share = (test: (row: (typeof rows)[number]) => boolean) => round(rows.filter(test).length / rows.length)
  const total = (key: 'links' | 'fallbacks' | 'pinned') => rows.reduce((sum, row) => sum + row[key], 0)
  const links = total('links')
  return {
    sources: rows.length,
    withBlock: share((row) => row.links > 0),
    coverage: share((row) => row.links >= 3),
    underThree: share((row) => row.links < 3),
    // The same lists with `fallbackUpTo: 0` (scored links do not depend on the fallbacks), measured in this run.
    coverageWithoutFallbacks: share((row) => row.links - row.fallbacks >= 3),
    meanLinks: round(links / rows.length, 2),
    linksByOrigin: {
      auto: links - total('fallbacks') - total('pinned'),
      fallback: total('fallbacks'),
      pinned: total('pinned'),
    },
  }
}

export type Rest = ReturnType<typeof restCaller>

/** A stored block read over REST against the plain read of its article, alternating, after a warm-up. */
export async function measureReads(rest: Rest, ids: readonly number[]) {
  const get = async (path: string) => {
    const response = await rest('GET', path)
    if (response.status !== 200)
      throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(response.body)}`)
    return response.body
  }
  return readsSideBySide(
    ids,
    ['moreOn', (id) => get(`/articles/${id}/more-on`)],
    ['plain', (id) => get(`/articles/${id}?depth=0`)],
  )
}

export type ArticleData = Parameters<Payload['create']>[0]['data']

/**
 * Publishing through the Local API with the plugin (forward links in the same request) against without it,
 * alternating on the same items after `warmUp` of them; also how many lists each new story entered at once.
 */
export async function measurePublishes<T>(
  client: pg.Client,
  items: readonly T[],
  warmUp: number,
  instances: { withPlugin: Payload; withoutPlugin: Payload },
  dataFor: (item: T, copy: boolean) => ArticleData,
) {
  const forwardLinks: number[] = []
  const published: { item: T; id: number }[] = []
  const copies: number[] = []
  const create = (payload: Payload, data: ArticleData) =>
    payload.create({ collection: 'articles', data: data as never, draft: false, depth: 0 })
  const publishCalls = {
    moreOn: async (item: T) => {
      const doc = await create(instances.withPlugin, dataFor(item, false))
      published.push({ item, id: doc.id })
      const { rows } = await client.query<{ count: string }>(
        'SELECT count(*) FROM recommendations WHERE target_id = $1',
        [doc.id],
      )
      forwardLinks.push(Number(rows[0]!.count))
    },
    plain: async (item: T) => {
      copies.push((await create(instances.withoutPlugin, dataFor(item, true))).id)
    },
  }
  await alternate(items.slice(0, warmUp), publishCalls)
  forwardLinks.length = 0
  const publishes = await alternate(items.slice(warmUp), publishCalls)
  return {
    publish: {
      samples: items.length - warmUp,
      warmUp,
      moreOn: spread(publishes.moreOn!),
      plain: spread(publishes.plain!),
      ratio: round(quantile(publishes.moreOn!, 0.5) / quantile(publishes.plain!, 0.5)),
      forwardLinksMean: round(forwardLinks.reduce((sum, count) => sum + count, 0) / forwardLinks.length, 1),
    },
    published,
    copies,
  }
}

export const machine = () => ({
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'unknown',
  memoryGb: round(os.totalmem() / 2 ** 30, 1),
  node: process.version,
})

export type BenchContext = {
  database: BenchDatabase
  newsroom: Awaited<ReturnType<typeof startBenchNewsroom>>
  client: pg.Client
  /** The newsroom without the plugin, started on first use. */
  withoutPlugin: () => Promise<Payload>
}

/** A database of its own with the schema from the committed migrations, the newsroom on it, and a SQL client. */
export async function withBenchNewsroom(work: (context: BenchContext) => Promise<void>) {
  const database = await openBenchDatabase()
  let withPlugin: Payload | undefined
  let withoutPlugin: Payload | undefined
  const client = new pg.Client({ connectionString: database.uri })
  try {
    log(`database ready (Postgres ${database.serverVersion}); building the schema from the committed migrations`)
    const newsroom = await startBenchNewsroom(database.uri, { plugin: true })
    withPlugin = newsroom.payload
    await withPlugin.db.migrate()
    await client.connect()
    await work({
      database,
      newsroom,
      client,
      withoutPlugin: async () =>
        (withoutPlugin ??= (await startBenchNewsroom(database.uri, { plugin: false })).payload),
    })
  } finally {
    await client.end().catch(() => {})
    if (withoutPlugin) await stopBenchNewsroom(withoutPlugin)
    if (withPlugin) await stopBenchNewsroom(withPlugin)
    await database.close()
  }
}

export async function rebuildAll(databaseURI: string) {
  log('full rebuild, in a process of its own')
  const rebuild = await runRebuildProcess(databaseURI)
  log(
    `rebuilt ${rebuild.sources} lists (${rebuild.links} links) in ${rebuild.seconds.toFixed(1)} s, ` +
      `peak RSS ${rebuild.peakRssMb.toFixed(0)} MB`,
  )
  return {
    seconds: round(rebuild.seconds, 1),
    articlesPerSecond: Math.round(rebuild.sources / rebuild.seconds),
    links: rebuild.links,
    peakRssMb: Math.round(rebuild.peakRssMb),
  }
}

export async function writeResult(out: string | undefined, result: unknown) {
  if (!out) return
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  log(`results written to ${out}`)
}
