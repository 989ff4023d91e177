/**
 * The plugin's counts (a hidden collection), kept as stories change so that a save never counts a crowded tag's
 * stories: live stories per tag (keyed by the tag's id), in all (`all`), and how many changes the index has had
 * (`changes`), so that a long rebuild can tell whether its snapshot is still true.
 */
import { sql } from '@payloadcms/db-postgres'

import type { Counts, ID } from '../types.js'
import { name, type Store } from './store.js'

const ALL = 'all'
const CHANGES = 'changes'

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
  await store.db.execute(sql`DELETE FROM ${counts} WHERE key <> ${CHANGES}`)
  await store.db.execute(
    sql`INSERT INTO ${counts} (key, published, updated_at, created_at)
        SELECT coalesce(tag::text, ${ALL}), count(*), now(), now() FROM ${name(store.names.postings)} GROUP BY tag
        UNION ALL
        SELECT ${CHANGES}, 1, now(), now()
        ON CONFLICT (key) DO UPDATE SET published = ${counts}.published + 1, updated_at = now()`,
  )
}

/** Notes that the index or the counts are changing (under the writers' lock). */
export async function noteIndexChange(store: Store) {
  await store.db.execute(
    sql`UPDATE ${name(store.names.counts)} SET published = published + 1, updated_at = now() WHERE key = ${CHANGES}`,
  )
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
