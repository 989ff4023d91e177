/**
 * The plugin's counts (a hidden collection), kept as stories change so that a save never counts a crowded tag's
 * stories: live stories per tag (keyed by the tag's id), in all (`all`), and how many changes the index has had
 * (`changes`). It also holds how many rebuilds are under way (`rebuilds`) and, while one is, the work writers did
 * after its snapshot (`pending:…`), which the rebuild applies again once its tables are swapped in.
 */
import { sql } from '@payloadcms/db-postgres'

import type { Counts, ID } from '../types.js'
import { name, type Store } from './store.js'

const ALL = 'all'
const CHANGES = 'changes'
const REBUILDS = 'rebuilds'
const PENDING = 'pending:'

/**
 * A rebuild that crashed never ends its mark: after this long, writers stop noting their work for it. A rebuild
 * takes a few minutes at most; one still running later just catches up less (the next rebuild heals it).
 */
const REBUILD_MARK_LASTS = sql.raw(`interval '1 hour'`)

/** Work done while a rebuild was under way, by kind: stories changed, lists recomputed, tags rescored. */
export type PendingWork = { stories: ID[]; ids: ID[]; tags: ID[] }

/** The kept counts of live stories: in all, and on each of these tags. */
export async function loadCounts(store: Store, tagIds: readonly ID[]): Promise<Counts> {
  const result = await store.rows<{ key: string; published: string }>(
    sql`SELECT key, published FROM ${name(store.names.counts)}
        WHERE key = ANY(${store.texts([ALL, ...tagIds.map(String)])})`,
  )
  const byKey = new Map(result.map((row) => [row.key, Number(row.published)]))
  return {
    published: byKey.get(ALL) ?? 0,
    df: new Map(tagIds.flatMap((tag) => (byKey.has(String(tag)) ? [[tag, byKey.get(String(tag))!]] : []))),
  }
}

/**
 * Adds these changes to the kept counts and returns the counts they changed (in all, and per tag). Concurrent saves
 * add one after the other.
 */
export async function adjustCounts(
  store: Store,
  deltas: { published: number; byTag: ReadonlyMap<ID, number> },
): Promise<Partial<Counts>> {
  const changed = [
    ...(deltas.published ? [[ALL, deltas.published] as const] : []),
    ...[...deltas.byTag].filter(([, delta]) => delta !== 0).map(([tag, delta]) => [String(tag), delta] as const),
  ]
  if (changed.length === 0) return { df: new Map() }
  const counts = name(store.names.counts)
  const result = await store.rows<{ key: string; published: string }>(
    sql`INSERT INTO ${counts} (key, published, updated_at, created_at)
        SELECT x.key, x.delta, now(), now()
        FROM unnest(${store.texts(changed.map(([key]) => key))}, ${store.numbers(changed.map(([, delta]) => delta))})
          AS x(key, delta)
        ON CONFLICT (key) DO UPDATE SET published = ${counts}.published + EXCLUDED.published, updated_at = now()
        RETURNING key, published`,
  )
  const byKey = new Map(result.map((row) => [row.key, Number(row.published)]))
  return {
    ...(byKey.has(ALL) ? { published: byKey.get(ALL)! } : {}),
    df: new Map(
      [...deltas.byTag.keys()].flatMap((tag) => (byKey.has(String(tag)) ? [[tag, byKey.get(String(tag))!]] : [])),
    ),
  }
}

/**
 * Counts afresh from the index (a rebuild); it counts as a change of the index, so another rebuild under way notices.
 */
export async function rewriteCounts(store: Store) {
  const counts = name(store.names.counts)
  await store.db.execute(
    sql`DELETE FROM ${counts} WHERE key <> ${CHANGES} AND key <> ${REBUILDS} AND NOT starts_with(key, ${PENDING})`,
  )
  await store.db.execute(
    sql`INSERT INTO ${counts} (key, published, updated_at, created_at)
        SELECT coalesce(tag::text, ${ALL}), count(*), now(), now() FROM ${name(store.names.postings)} GROUP BY tag
        UNION ALL
        SELECT ${CHANGES}, 1, now(), now()
        ON CONFLICT (key) DO UPDATE SET published = ${counts}.published + 1, updated_at = now()`,
  )
}

/** Notes that the index or the counts are changing (under the writers' lock); true while a rebuild is under way. */
export async function noteIndexChange(store: Store): Promise<boolean> {
  const counts = name(store.names.counts)
  const [row] = await store.rows<{ rebuilding: boolean }>(
    sql`UPDATE ${counts} SET published = published + 1, updated_at = now() WHERE key = ${CHANGES}
        RETURNING EXISTS (SELECT 1 FROM ${counts} WHERE key = ${REBUILDS} AND published > 0
          AND updated_at > now() - ${REBUILD_MARK_LASTS}) AS rebuilding`,
  )
  return Boolean(row?.rebuilding)
}

/** Marks a rebuild as under way (under the writers' lock): from the next writer on, writers note their work. */
export async function beginRebuild(store: Store) {
  const counts = name(store.names.counts)
  await store.db.execute(
    sql`INSERT INTO ${counts} (key, published, updated_at, created_at) VALUES (${REBUILDS}, 1, now(), now())
        ON CONFLICT (key) DO UPDATE SET updated_at = now(), published = CASE
          WHEN ${counts}.updated_at > now() - ${REBUILD_MARK_LASTS} THEN ${counts}.published + 1 ELSE 1 END`,
  )
}

/** Notes work a writer did while a rebuild was under way (under the writers' lock). */
export async function notePendingWork(store: Store, work: Partial<PendingWork>) {
  const keys = (['stories', 'ids', 'tags'] as const).flatMap((kind) =>
    (work[kind] ?? []).map((id) => `${PENDING}${kind}:${id}`),
  )
  if (keys.length === 0) return
  await store.db.execute(
    sql`INSERT INTO ${name(store.names.counts)} (key, published, updated_at, created_at)
        SELECT key, 0, now(), now() FROM unnest(${store.texts(keys)}) AS key ON CONFLICT (key) DO NOTHING`,
  )
}

/**
 * Ends a rebuild's mark (under the writers' lock) and returns the work noted since it began. The notes stay while
 * another rebuild is still under way: its snapshot may be older than this one's.
 */
export async function endRebuild(store: Store): Promise<PendingWork> {
  const counts = name(store.names.counts)
  const [mark] = await store.rows<{ published: string }>(
    sql`UPDATE ${counts} SET published = greatest(published - 1, 0), updated_at = now() WHERE key = ${REBUILDS}
        RETURNING published`,
  )
  const rows = await store.rows<{ key: string }>(
    Number(mark?.published ?? 0) > 0
      ? sql`SELECT key FROM ${counts} WHERE starts_with(key, ${PENDING})`
      : sql`DELETE FROM ${counts} WHERE starts_with(key, ${PENDING}) RETURNING key`,
  )
  const work: PendingWork = { stories: [], ids: [], tags: [] }
  for (const { key } of rows) {
    const [kind, id] = key.slice(PENDING.length).split(':') as [keyof PendingWork, string]
    work[kind].push(store.id(id))
  }
  return work
}

/** How many changes the index has had. */
export async function indexChanges(store: Store): Promise<number> {
  const result = await store.rows<{ published: string }>(
    sql`SELECT published FROM ${name(store.names.counts)} WHERE key = ${CHANGES}`,
  )
  return Number(result[0]?.published ?? 0)
}

/** Whether the index was ever built (its first build writes the change count). */
export async function hasIndex(store: Store): Promise<boolean> {
  return (await store.rows(sql`SELECT 1 FROM ${name(store.names.counts)} WHERE key = ${CHANGES}`)).length > 0
}
