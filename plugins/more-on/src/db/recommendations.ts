/** The stored lists (the plugin's `recommendations` collection): read by source, replaced set by set. */
import { sql } from '@payloadcms/db-postgres'

import type { Departure, ExtendedList, StoredLink } from '../core/planning.js'
import type { ID, Link, Origin, SharedTag, ShownLink } from '../types.js'
import { name, type SQL, type Store } from './store.js'

type LinkRow = {
  target: unknown
  rank: string
  score: string
  shared_tags: { tag: unknown; contribution: number }[] | null
  origin: Origin
}

/**
 * The stored lists of these sources, in rank order, as a change is judged against them: the index range alone, no
 * story joined, and no shared tags (the bulk of a row, and never needed to judge or to place a newcomer) but those of
 * the departed links (to rescore them).
 */
export async function loadShownLinks(
  store: Store,
  sourceIds: readonly ID[],
  departures: readonly Departure[] = [],
): Promise<Map<ID, StoredLink[]>> {
  const lists = new Map<ID, StoredLink[]>()
  if (sourceIds.length === 0) return lists
  // Sorted here rather than by Postgres: a publish reads a thousand rows or more.
  const result = await store.rows<Omit<LinkRow, 'shared_tags'> & { source: unknown; shares: LinkRow['shared_tags'] }>(
    sql`SELECT r.source_id AS source, r.target_id AS target, r.rank, r.score, r.origin,
          CASE WHEN d.source IS NOT NULL THEN r.shared_tags END AS shares
        FROM ${name(store.names.recommendations)} r
        LEFT JOIN unnest(
          ${store.ids(departures.map((departure) => departure.source))},
          ${store.ids(departures.map((departure) => departure.story))}
        ) AS d(source, story) ON d.source = r.source_id AND d.story = r.target_id
        WHERE r.source_id = ANY(${store.ids(sourceIds)}) AND r.target_id IS NOT NULL`,
  )
  for (const row of result) {
    const source = store.id(row.source)
    const link: StoredLink = row.shares ? linkOf(store, { ...row, shared_tags: row.shares }) : shownLinkOf(store, row)
    ;(lists.get(source) ?? lists.set(source, []).get(source)!).push(link)
  }
  for (const list of lists.values()) list.sort((a, b) => a.rank - b.rank)
  return lists
}

/** One story's stored list as its block shows it, in rank order: the index range alone, no story joined. */
export async function loadShownList(store: Store, sourceId: ID): Promise<Link[]> {
  const result = await store.rows<LinkRow>(
    sql`SELECT target_id AS target, rank, score, shared_tags, origin FROM ${name(store.names.recommendations)}
        WHERE source_id = ${sourceId} ORDER BY rank`,
  )
  return result.map((row) => linkOf(store, row))
}

const shownLinkOf = (store: Store, row: Omit<LinkRow, 'shared_tags'>): ShownLink => ({
  target: store.id(row.target),
  rank: Number(row.rank),
  score: Number(row.score),
  origin: row.origin,
})

const linkOf = (store: Store, row: LinkRow): Link => ({
  ...shownLinkOf(store, row),
  sharedTags: (row.shared_tags ?? []).map((shared): SharedTag => ({
    tag: store.id(shared.tag),
    contribution: shared.contribution,
  })),
})

/**
 * Replaces the stored lists of `sourceIds` with `lists` (sources without links end up with none), under the writers'
 * lock, and notes in the store the sources whose list now reads differently.
 */
export async function replaceLists(store: Store, sourceIds: readonly ID[], lists: ReadonlyMap<ID, Link[]>) {
  if (sourceIds.length === 0) return
  const { names } = store
  const records = [...lists].flatMap(([source, links]) =>
    links.map((link) => ({
      source,
      target: link.target,
      rank: link.rank,
      score: link.score,
      shared_tags: link.sharedTags,
      origin: link.origin,
    })),
  )
  // One statement: the delete and the insert see the same snapshot, so the new rows stay. The rows each returns are
  // compared by what a reader sees (target, rank, origin); a rescore alone changes no list.
  const changed = await store.rows<{ source: unknown }>(
    sql`WITH gone AS (
          DELETE FROM ${name(names.recommendations)} WHERE source_id = ANY(${store.ids(sourceIds)})
          RETURNING source_id, target_id, rank, origin::text AS origin
        ), added AS (
          INSERT INTO ${name(names.recommendations)}
            (source_id, target_id, rank, score, shared_tags, origin, computed_at, updated_at, created_at)
          SELECT x.source, x.target, x.rank, x.score, x.shared_tags, x.origin::${name(names.originEnum)},
            now(), now(), now()
          FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb) AS x(
            source ${store.idType}, target ${store.idType}, rank int, score double precision,
            shared_tags jsonb, origin text
          )
          RETURNING source_id, target_id, rank, origin::text AS origin
        )
        SELECT DISTINCT coalesce(gone.source_id, added.source_id) AS source
        FROM gone FULL JOIN added ON added.source_id = gone.source_id AND added.rank = gone.rank
          AND added.target_id = gone.target_id AND added.origin = gone.origin
        WHERE gone.source_id IS NULL OR added.source_id IS NULL`,
  )
  for (const row of changed) store.changedLists.add(store.id(row.source))
}

/**
 * Writes lists in place: the fresh links' rows (a newcomer, a rescored link) are written anew, the links moved get
 * their new rank, and the links pushed out are removed; the rest of each list is left as stored.
 */
export async function extendLists(store: Store, extended: ReadonlyMap<ID, ExtendedList>) {
  if (extended.size === 0) return
  const { names } = store
  const kept = [...extended].flatMap(([source, { shown, fresh }]) =>
    shown
      .filter((link) => !fresh.some((freshLink) => freshLink.target === link.target))
      .map((link) => ({ source, ...link })),
  )
  const added = [...extended].flatMap(([source, { shown, fresh }]) =>
    shown.flatMap((link) => {
      const written = fresh.find((freshLink) => freshLink.target === link.target)
      return written ? [{ ...written, ...link, source }] : []
    }),
  )
  const recommendations = name(names.recommendations)
  await store.db.execute(
    sql`WITH kept AS (
          SELECT * FROM unnest(
            ${store.ids(kept.map((link) => link.source))}, ${store.ids(kept.map((link) => link.target))},
            ${store.numbers(kept.map((link) => link.rank))}
          ) AS k(source, target, rank)
        ), gone AS (
          DELETE FROM ${recommendations} r WHERE r.source_id = ANY(${store.ids([...extended.keys()])})
            AND NOT EXISTS (SELECT 1 FROM kept WHERE kept.source = r.source_id AND kept.target = r.target_id)
        ), moved AS (
          UPDATE ${recommendations} r SET rank = kept.rank, updated_at = now()
          FROM kept WHERE r.source_id = kept.source AND r.target_id = kept.target AND r.rank <> kept.rank
        )
        ${insertLinksInto(store, names.recommendations, added)}`,
  )
  for (const source of extended.keys()) store.changedLists.add(source)
}

/** Sources whose stored lists show any of these stories. */
export async function sourcesListing(store: Store, targetIds: readonly ID[]): Promise<ID[]> {
  if (targetIds.length === 0) return []
  const result = await store.rows<{ source: unknown }>(
    sql`SELECT DISTINCT source_id AS source FROM ${name(store.names.recommendations)}
        WHERE target_id = ANY(${store.ids(targetIds)})`,
  )
  return result.map((row) => store.id(row.source))
}

/**
 * Removes every stored list of, and link to, these stories (deleted ones), and the links a delete has already cut
 * loose; returns the other sources whose lists lost a link, to be refilled.
 */
export async function removeLinksOf(store: Store, ids: readonly ID[]): Promise<ID[]> {
  const result = await store.rows<{ source: unknown }>(
    sql`DELETE FROM ${name(store.names.recommendations)}
        WHERE source_id IS NULL OR target_id IS NULL
          OR source_id = ANY(${store.ids(ids)}) OR target_id = ANY(${store.ids(ids)})
        RETURNING source_id AS source`,
  )
  const removed = new Set(ids.map(String))
  const cutLoose = [
    ...new Set(
      result.flatMap((row) => (row.source === null || removed.has(String(row.source)) ? [] : [store.id(row.source)])),
    ),
  ]
  for (const source of cutLoose) store.changedLists.add(source)
  return cutLoose
}

/**
 * An INSERT of these links into `table`, to run as a statement of its own or after a WITH. The links go as one JSON
 * document: serialised natively in one call, where array parameters would escape each link's shared tags.
 */
const insertLinksInto = (store: Store, table: string, links: readonly (Link & { source: ID })[]) =>
  sql`INSERT INTO ${name(table)}
        (source_id, target_id, rank, score, shared_tags, origin, computed_at, updated_at, created_at)
      SELECT x.source, x.target, x.rank, x.score, x."sharedTags", x.origin::${name(store.names.originEnum)},
        now(), now(), now()
      FROM jsonb_to_recordset(${JSON.stringify(links)}::jsonb) AS x(
        source ${store.idType}, target ${store.idType}, rank int, score double precision, "sharedTags" jsonb,
        origin text
      )`

/** Writes these links into `table` (a rebuild's staged lists), as one statement. */
export async function insertLinks(store: Store, table: string, links: readonly (Link & { source: ID })[]) {
  if (links.length === 0) return
  await store.db.execute(insertLinksInto(store, table, links))
}

/** The rows of a table of lists as a reader sees them (target, rank, origin). */
const shownRows = (table: string, where: SQL = sql`source_id IS NOT NULL`) =>
  sql`(SELECT source_id, target_id, rank, origin::text AS origin FROM ${name(table)} WHERE ${where})`

/** The sources whose list reads differently in `a` than in `b` (targets, order, origin). */
async function sourcesDiffering(store: Store, a: SQL, b: SQL): Promise<ID[]> {
  const result = await store.rows<{ source: unknown }>(
    sql`SELECT DISTINCT coalesce(a.source_id, b.source_id) AS source
        FROM ${a} a FULL JOIN ${b} b
          ON b.source_id = a.source_id AND b.rank = a.rank AND b.target_id = a.target_id AND b.origin = a.origin
        WHERE a.source_id IS NULL OR b.source_id IS NULL`,
  )
  return result.map((row) => store.id(row.source))
}

/** Where the stored lists a rebuild is about to replace are kept until its transaction ends. */
const keptLists = (store: Store) => `${store.names.recommendations}_before_swap`

/**
 * The sources whose list reads differently in the staged lists than in the stored ones; their stored lists are
 * kept, as they read now, in a temporary table the transaction drops when it ends.
 */
export async function keepListsDiffering(store: Store, staged: string): Promise<ID[]> {
  const stored = store.names.recommendations
  const differing = await sourcesDiffering(store, shownRows(stored), shownRows(staged))
  await store.db.execute(
    sql`CREATE TEMPORARY TABLE ${name(keptLists(store))} ON COMMIT DROP AS
        ${shownRows(stored, sql`source_id = ANY(${store.ids(differing)})`)}`,
  )
  return differing
}

/** Of the sources kept by `keepListsDiffering`, those whose stored list now reads differently from the kept one. */
export async function listsDifferingFromKept(store: Store, sourceIds: readonly ID[]): Promise<ID[]> {
  if (sourceIds.length === 0) return []
  return sourcesDiffering(
    store,
    shownRows(keptLists(store)),
    shownRows(store.names.recommendations, sql`source_id = ANY(${store.ids(sourceIds)})`),
  )
}

/**
 * Refreshes the planner's statistics of the plugin's tables after a rebuild rewrote them, and marks their pages
 * all-visible, so that the windows a publish reads come from the index alone (not each entry's row) from the start,
 * rather than once autovacuum gets round to the new tables. Outside any transaction: VACUUM cannot run in one.
 */
export async function vacuumTables(store: Store) {
  const { names } = store
  await store.db.execute(
    sql`VACUUM (ANALYZE) ${name(names.recommendations)}, ${name(names.postings)}, ${name(names.counts)}`,
  )
}
