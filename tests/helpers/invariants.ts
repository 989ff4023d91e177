/**
 * What must hold once writers are done, whatever they did and in whatever order: every stored "More on" list equals
 * what a full rebuild computes, and every kept count equals a count of the documents themselves. Used by the tests
 * and by the soak (bench/soak.ts), on any Payload instance of the newsroom.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { rebuildMoreOn } from 'payload-plugin-more-on'

const rowsOf = async <T>(payload: Payload, query: ReturnType<typeof sql>) =>
  (await (payload.db as unknown as PostgresAdapter).drizzle.execute(query)).rows as T[]

/** Every stored link, one line each, sorted: `source>target#rank:score:origin`. */
export async function storedLinks(payload: Payload): Promise<string[]> {
  const rows = await rowsOf<{
    source: number | null
    target: number | null
    rank: number
    score: number
    origin: string
  }>(payload, sql`SELECT source_id AS source, target_id AS target, rank, score, origin FROM recommendations`)
  return rows
    .map((row) => `${row.source}>${row.target}#${row.rank}:${Number(row.score).toFixed(9)}:${row.origin}`)
    .sort()
}

/** Runs the queued jobs until none is left (or `rounds` runs found work each time). */
export async function drainJobs(payload: Payload, rounds = 20): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    const { totalDocs } = await payload.count({
      collection: 'payload-jobs',
      where: { completedAt: { exists: false }, hasError: { not_equals: true } },
    })
    if (totalDocs === 0) return
    await payload.jobs.run({ limit: 1000 })
  }
}

/**
 * The stored lists once the queued work has run, and the lists a rebuild then writes: equal when the incremental
 * upkeep was right.
 */
export async function listsAgainstRebuild(payload: Payload): Promise<{ stored: string[]; rebuilt: string[] }> {
  await drainJobs(payload)
  const stored = await storedLinks(payload)
  await rebuildMoreOn(payload)
  return { stored, rebuilt: await storedLinks(payload) }
}

export type CountMismatch = { what: string; id: number | string; kept: number; actual: number }

/**
 * Every kept count that differs from the documents: the plugin's published stories per tag (and `all`), each
 * article's approved comments (on the article and on its versions), each comment's reports.
 */
export async function countMismatches(payload: Payload): Promise<CountMismatch[]> {
  const now = new Date().toISOString()
  const tags = await rowsOf<{ id: string; kept: string | null; actual: string | null }>(
    payload,
    sql`WITH visible AS (
          SELECT id FROM articles
          WHERE _status = 'published' AND coalesce(published_at, created_at) <= ${now}::timestamptz),
        actual AS (
          SELECT r.tags_id::text AS key, count(DISTINCT r.parent_id) AS published
          FROM articles_rels r JOIN visible v ON v.id = r.parent_id
          WHERE r.path = 'tags' AND r.tags_id IS NOT NULL GROUP BY r.tags_id
          UNION ALL SELECT 'all', count(*) FROM visible),
        kept AS (SELECT key, published FROM recommendations_tag_counts WHERE key <> 'changes' AND published <> 0)
        SELECT coalesce(kept.key, actual.key) AS id, kept.published AS kept, actual.published AS actual
        FROM kept FULL JOIN actual ON actual.key = kept.key
        WHERE kept.published IS DISTINCT FROM actual.published`,
  )
  const comments = await rowsOf<{ id: number; kept: number | null; actual: string }>(
    payload,
    sql`SELECT a.id, a.comment_count AS kept,
          (SELECT count(*) FROM comments c WHERE c.article_id = a.id AND c.status = 'approved') AS actual
        FROM articles a`,
  )
  const versions = await rowsOf<{ id: number; kept: number | null; actual: number | null }>(
    payload,
    sql`SELECT v.id, v.version_comment_count AS kept, a.comment_count AS actual
        FROM _articles_v v JOIN articles a ON a.id = v.parent_id
        WHERE v.version_comment_count IS DISTINCT FROM a.comment_count`,
  )
  const reports = await rowsOf<{ id: number; kept: number | null; actual: string }>(
    payload,
    sql`SELECT c.id, c.report_count AS kept,
          (SELECT count(*) FROM comment_reports r WHERE r.comment_id = c.id) AS actual
        FROM comments c`,
  )
  const mismatches = (what: string, rows: { id: number | string; kept: unknown; actual: unknown }[]) =>
    rows
      .map((row) => ({ what, id: row.id, kept: Number(row.kept ?? 0), actual: Number(row.actual ?? 0) }))
      .filter((row) => row.kept !== row.actual)
  return [
    ...mismatches('tag published count', tags),
    ...mismatches('article comment count', comments),
    ...mismatches('article version comment count', versions),
    ...mismatches('comment report count', reports),
  ]
}
