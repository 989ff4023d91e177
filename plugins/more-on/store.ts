/**
 * Every SQL statement of the plugin. Reads the stories, their tags and the editors' controls straight from Payload's
 * tables; keeps the plugin's own index (published stories by tag and date) and counts; replaces stored lists set by
 * set. Nothing here writes to the stories themselves.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Link, PinnableStory, Posting, SharedTag, SourceStory } from './scoring'
import type { ID, ListMode, Origin, ResolvedMoreOnOptions } from './types'

type Database = Pick<PostgresAdapter['drizzle'], 'execute'>
type SQL = ReturnType<typeof sql>

/** Table and column names, read from the schema Payload built (so any collection and field names work). */
export type StoreNames = {
  stories: string
  rels: string
  tags: string
  recommendations: string
  counts: string
  postings: string
  publishedAt: string
  status: string | undefined
  mode: string
  neverAutoLink: string
  relTag: string
  relStory: string
  kind: string | undefined
  tagPath: string
  originEnum: string
}

export const PINNED_PATH = 'moreOn.pinned'
export const EXCLUDED_PATH = 'moreOn.excluded'

const snakeCase = (name: string) => name.replace(/-/g, '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()

export function resolveNames(adapter: PostgresAdapter, options: ResolvedMoreOnOptions): StoreNames {
  const tableName = (slug: string) => adapter.tableNameMap.get(snakeCase(slug)) ?? snakeCase(slug)
  const column = (table: string, key: string) => {
    const found = (adapter.tables[table] as Record<string, { name?: string }> | undefined)?.[key]?.name
    if (!found) throw new Error(`more-on: no column for "${key}" in table "${table}"`)
    return found
  }
  const stories = tableName(options.collection)
  const rels = `${stories}_rels`
  const tags = tableName(options.tagCollection)
  const recommendations = tableName(options.recommendationsSlug)
  const counts = tableName(countsSlug(options.recommendationsSlug))
  const postings = tableName(postingsSlug(options.recommendationsSlug))
  const hasStatus = Boolean((adapter.tables[stories] as Record<string, unknown>)._status)
  return {
    stories,
    rels,
    tags,
    recommendations,
    counts,
    postings,
    publishedAt: column(stories, options.publishedAtField),
    status: hasStatus ? column(stories, '_status') : undefined,
    mode: column(stories, 'moreOn_mode'),
    neverAutoLink: column(stories, 'moreOn_neverAutoLink'),
    relTag: column(rels, `${options.tagCollection}ID`),
    relStory: column(rels, `${options.collection}ID`),
    kind: options.kindField ? column(tags, options.kindField) : undefined,
    tagPath: options.tagField,
    originEnum: originEnumName(options.recommendationsSlug),
  }
}

/** Slug of the collection where the plugin keeps its counts of published stories per tag. */
export const countsSlug = (recommendationsSlug: string) => `${recommendationsSlug}-tag-counts`

/** Slug of the collection that holds the plugin's index of published stories by tag and date. */
export const postingsSlug = (recommendationsSlug: string) => `${recommendationsSlug}-postings`

export const originEnumName = (recommendationsSlug: string) => `enum_${snakeCase(recommendationsSlug)}_origin`

/** The database of the request's transaction, so the plugin's writes commit or roll back with the save. */
export async function requestDatabase(req: PayloadRequest): Promise<PostgresAdapter['drizzle']> {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = await req.transactionID
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

const name = (identifier: string) => sql.identifier(identifier)
/** One array parameter (drizzle would spread a JS array into a list of parameters). */
const intArray = (ids: readonly ID[]) => sql`${`{${ids.map((id) => Math.trunc(Number(id))).join(',')}}`}::int[]`
const timestampArray = (times: readonly number[]) => sql`${`{${times.map((time) => `"${new Date(time).toISOString()}"`).join(',')}}`}::timestamptz[]`
const rows = async <T>(db: Database, query: SQL) => (await db.execute(query)).rows as T[]

/**
 * Published and live: published, and its publish time has come. "Now" is the app's clock, as in Payload's access
 * rules; the database's now() is the transaction's start, before a story published in that transaction was stamped.
 */
function visible(names: StoreNames, alias: string): SQL {
  const publishedAt = sql`${name(alias)}.${name(names.publishedAt)}`
  const live = sql`${publishedAt} IS NOT NULL AND ${publishedAt} <= ${new Date().toISOString()}::timestamptz`
  return names.status ? sql`${name(alias)}.${name(names.status)} = 'published' AND ${live}` : live
}

type StoryRow = { id: number; published_at: Date | null; visible: boolean; mode: ListMode | null; tags: number[]; pinned: number[]; excluded: number[] }

export type StoredStory = SourceStory & { visible: boolean }

/** Stories with their tags (in order) and the editors' controls; `visibleOnly` leaves out drafts and scheduled ones. */
export async function loadStories(db: Database, names: StoreNames, ids: readonly ID[], { visibleOnly }: { visibleOnly: boolean }) {
  if (ids.length === 0) return []
  const relsOf = (path: string, target: string) =>
    sql`coalesce(array_agg(r.${name(target)} ORDER BY r."order") FILTER (WHERE r.path = ${path} AND r.${name(target)} IS NOT NULL), '{}')`
  const result = await rows<StoryRow>(
    db,
    sql`SELECT s.id, s.${name(names.publishedAt)} AS published_at, s.${name(names.mode)} AS mode, (${visible(names, 's')}) AS visible,
          ${relsOf(names.tagPath, names.relTag)} AS tags,
          ${relsOf(PINNED_PATH, names.relStory)} AS pinned,
          ${relsOf(EXCLUDED_PATH, names.relStory)} AS excluded
        FROM ${name(names.stories)} s LEFT JOIN ${name(names.rels)} r ON r.parent_id = s.id
        WHERE s.id = ANY(${intArray(ids)}) ${visibleOnly ? sql`AND ${visible(names, 's')}` : sql``}
        GROUP BY s.id`,
  )
  return result.map(
    (row): StoredStory => ({
      id: row.id,
      visible: Boolean(row.visible),
      publishedAt: row.published_at ? new Date(row.published_at).getTime() : Date.now(),
      mode: row.mode ?? 'auto',
      tags: row.tags.map(Number),
      pinned: row.pinned.map(Number),
      excluded: row.excluded.map(Number),
    }),
  )
}

export async function loadPinnable(db: Database, names: StoreNames, ids: readonly ID[]): Promise<Map<ID, PinnableStory>> {
  const stories = await loadStories(db, names, ids, { visibleOnly: true })
  return new Map(stories.map((story) => [story.id, { id: story.id, publishedAt: story.publishedAt, tags: story.tags }]))
}

/** Any number works as long as nothing else in the database takes advisory locks in the same space. */
const WRITERS_LOCK_SPACE = 72_410_001

/**
 * Takes the plugin's writers' lock until the transaction ends: one writer at a time (a save, a job, a rebuild step),
 * across requests and app instances. Whoever changes stories takes it before anything about them is read.
 *
 * Why one lock and not one per story or tag: a list depends on the stories near its source on every tag of the
 * source, so two saves with no tag in common can still both recompute the same third list, each blind to the other's
 * change; whichever commits last would leave the list wrong. A writer holds the lock for milliseconds.
 */
export async function lockWriters(db: Database, names: StoreNames) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${WRITERS_LOCK_SPACE}, hashtext(${names.recommendations}))`)
}

/**
 * Counts (tag -1) the changes written to the index, so that a long rebuild can tell whether its snapshot is still
 * true. Written first by the index's first build: its presence says the index exists.
 */
const INDEX_CHANGES = -1

/** Notes that the index or the counts are changing (under the writers' lock). */
export async function noteIndexChange(db: Database, names: StoreNames) {
  await db.execute(sql`UPDATE ${name(names.counts)} SET published = published + 1, updated_at = now() WHERE tag = ${INDEX_CHANGES}`)
}

/** How many changes the index has had. */
export async function indexChanges(db: Database, names: StoreNames): Promise<number> {
  const result = await rows<{ published: string }>(db, sql`SELECT published FROM ${name(names.counts)} WHERE tag = ${INDEX_CHANGES}`)
  return Number(result[0]?.published ?? 0)
}

/**
 * The plugin's index (a hidden collection): one entry per published story and tag, ordered by tag, date and story, so
 * that the stories around any moment on any tag are a short index range whatever the size of the tag; and one entry
 * on tag 0 per published story. It is the plugin's own record of what every story was when it last looked: a change
 * is the difference between it and the stories' tables, so work replayed from the jobs queue is never counted twice.
 */
const entriesOf = (names: StoreNames, ids?: readonly ID[]) => {
  const only = ids ? sql`AND s.id = ANY(${intArray(ids)})` : sql``
  const columns = sql`s.id, s.${name(names.publishedAt)}, coalesce(s.${name(names.neverAutoLink)}, false), now(), now()`
  return sql`SELECT DISTINCT r.${name(names.relTag)}, ${columns}
      FROM ${name(names.rels)} r JOIN ${name(names.stories)} s ON s.id = r.parent_id
      WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL AND ${visible(names, 's')} ${only}
      UNION ALL
      SELECT ${ALL_STORIES}::int, ${columns} FROM ${name(names.stories)} s WHERE ${visible(names, 's')} ${only}`
}
const indexColumns = sql`(tag, story, published_at, never_auto_link, updated_at, created_at)`

/** Rewrites the index entries of these stories from what they now are (none for drafts, scheduled and deleted ones). */
export async function reindexStories(db: Database, names: StoreNames, ids: readonly ID[]) {
  if (ids.length === 0) return
  // One statement: the delete and the insert see the same snapshot, so the new entries stay.
  await db.execute(
    sql`WITH gone AS (DELETE FROM ${name(names.postings)} WHERE story = ANY(${intArray(ids)}))
        INSERT INTO ${name(names.postings)} ${indexColumns} ${entriesOf(names, ids)}`,
  )
}

/**
 * Builds the index and the counts afresh (the full rebuild's first step), under the writers' lock. It counts as a
 * change of the index, so that another rebuild under way notices.
 */
export async function reindexAll(db: Database, names: StoreNames) {
  await db.execute(sql`DELETE FROM ${name(names.postings)}`)
  await db.execute(sql`INSERT INTO ${name(names.postings)} ${indexColumns} ${entriesOf(names)}`)
  await db.execute(sql`DELETE FROM ${name(names.counts)} WHERE tag <> ${INDEX_CHANGES}`)
  await db.execute(
    sql`INSERT INTO ${name(names.counts)} (tag, published, updated_at, created_at)
        SELECT tag, count(*), now(), now() FROM ${name(names.postings)} GROUP BY tag
        UNION ALL
        SELECT ${INDEX_CHANGES}::int, 1, now(), now()
        ON CONFLICT (tag) DO UPDATE SET published = ${name(names.counts)}.published + 1, updated_at = now()`,
  )
}

const indexed = async (db: Database, names: StoreNames) =>
  (await rows(db, sql`SELECT 1 FROM ${name(names.counts)} WHERE tag = ${INDEX_CHANGES}`)).length > 0
/** Once built, the index stays built (a rebuild replaces it in one transaction): each instance asks only until it is. */
const knownIndexed = new WeakSet<StoreNames>()

/**
 * Builds the index from what is there now when it was never built (stories written before the plugin), under the
 * writers' lock; true when it did.
 */
export async function indexIfNeverIndexed(db: Database, names: StoreNames): Promise<boolean> {
  if (knownIndexed.has(names)) return false
  if (await indexed(db, names)) {
    knownIndexed.add(names)
    return false
  }
  await reindexAll(db, names)
  return true
}

type PostingRow = { id: number; published_at: Date; never: boolean | null }
const toPosting = (row: PostingRow): Posting => ({ id: row.id, publishedAt: new Date(row.published_at).getTime(), neverAutoLink: Boolean(row.never) })

/** Every tag's published stories, sorted by date then id (the full rebuild's working set). */
export async function loadPostings(db: Database, names: StoreNames): Promise<Map<ID, Posting[]>> {
  const result = await rows<PostingRow & { tag: number }>(
    db,
    sql`SELECT tag::int, story::int AS id, published_at, never_auto_link AS never FROM ${name(names.postings)}
        WHERE tag <> ${ALL_STORIES} ORDER BY tag, published_at, story`,
  )
  const postings = new Map<ID, Posting[]>()
  for (const row of result) {
    ;(postings.get(row.tag) ?? postings.set(row.tag, []).get(row.tag)!).push(toPosting(row))
  }
  return postings
}

/** The stories around a place (a date, then an id) on one tag's list: `reach` before it, and `reach` from it on. */
export type WindowRequest = { tag: ID; at: number; id: ID; reach: number }

/** For each request, the stories around its place on its tag, sorted by date then id (the order the scoring expects). */
export async function loadWindows(db: Database, names: StoreNames, requests: readonly WindowRequest[]): Promise<Posting[][]> {
  const windows = requests.map((): Posting[] => [])
  if (requests.length === 0) return windows
  const side = (comparison: SQL, order: SQL) =>
    sql`(SELECT story, published_at, never_auto_link FROM ${name(names.postings)}
         WHERE tag = q.tag AND (published_at, story) ${comparison} (q.at, q.id) ORDER BY published_at ${order}, story ${order} LIMIT q.reach)`
  const result = await rows<PostingRow & { request: number }>(
    db,
    sql`SELECT q.request, p.story::int AS id, p.published_at, p.never_auto_link AS never
        FROM unnest(${intArray(requests.map((request) => request.tag))}, ${timestampArray(requests.map((request) => request.at))},
                    ${intArray(requests.map((request) => request.id))}, ${intArray(requests.map((request) => request.reach))},
                    ${intArray(requests.map((_, index) => index))}) AS q(tag, at, id, reach, request)
        CROSS JOIN LATERAL (${side(sql`<`, sql`DESC`)} UNION ALL ${side(sql`>=`, sql`ASC`)}) p`,
  )
  for (const row of result) windows[row.request]!.push(toPosting(row))
  for (const window of windows) window.sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id)
  return windows
}

/** Tag 0 counts every published story. */
export const ALL_STORIES = 0
export type Counts = { published: number; df: ReadonlyMap<ID, number> }

/** The kept counts of published stories: in all, and on each of these tags. */
export async function loadCounts(db: Database, names: StoreNames, tagIds: readonly ID[]): Promise<Counts> {
  const result = await rows<{ tag: number; published: string }>(
    db,
    sql`SELECT tag, published FROM ${name(names.counts)} WHERE tag = ANY(${intArray([ALL_STORIES, ...tagIds])})`,
  )
  const df = new Map(result.map((row) => [Number(row.tag), Number(row.published)]))
  return { published: df.get(ALL_STORIES) ?? 0, df }
}

/**
 * Adds these changes to the kept counts (tag 0: all published stories) and returns the counts of the tags it changed.
 * Concurrent saves add one after the other.
 */
export async function adjustCounts(db: Database, names: StoreNames, deltas: ReadonlyMap<ID, number>): Promise<Map<ID, number>> {
  const changed = [...deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => a - b)
  if (changed.length === 0) return new Map()
  const counts = name(names.counts)
  const result = await rows<{ tag: number; published: number }>(
    db,
    sql`INSERT INTO ${counts} (tag, published, updated_at, created_at)
        SELECT x.tag, x.delta, now(), now() FROM unnest(${intArray(changed.map(([tag]) => tag))}, ${intArray(changed.map(([, delta]) => delta))}) AS x(tag, delta)
        ON CONFLICT (tag) DO UPDATE SET published = ${counts}.published + EXCLUDED.published, updated_at = now()
        RETURNING tag::int, published::int`,
  )
  return new Map(result.map((row) => [row.tag, row.published]))
}

/** A stored link, with its story's publish date (the tie-break). */
export type StoredLink = Link & { publishedAt: number }

/** The stored lists of these sources, in rank order. */
export async function loadStoredLists(db: Database, names: StoreNames, sourceIds: readonly ID[]): Promise<Map<ID, StoredLink[]>> {
  const lists = new Map<ID, StoredLink[]>()
  if (sourceIds.length === 0) return lists
  const result = await rows<{ source: number; target: number; rank: string; score: string; shared_tags: SharedTag[] | null; origin: Origin; published_at: Date }>(
    db,
    sql`SELECT rec.source_id AS source, rec.target_id AS target, rec.rank, rec.score, rec.shared_tags, rec.origin, s.${name(names.publishedAt)} AS published_at
        FROM ${name(names.recommendations)} rec JOIN ${name(names.stories)} s ON s.id = rec.target_id
        WHERE rec.source_id = ANY(${intArray(sourceIds)}) ORDER BY rec.source_id, rec.rank`,
  )
  for (const row of result) {
    const list = lists.get(row.source) ?? lists.set(row.source, []).get(row.source)!
    list.push({
      target: row.target,
      rank: Number(row.rank),
      score: Number(row.score),
      sharedTags: row.shared_tags ?? [],
      origin: row.origin,
      publishedAt: new Date(row.published_at).getTime(),
    })
  }
  return lists
}

/** Kind of each tag (all tags when `tagIds` is undefined); empty when tags have no kinds. */
export async function loadKinds(db: Database, names: StoreNames, tagIds?: readonly ID[]): Promise<Map<ID, string>> {
  if (!names.kind || (tagIds && tagIds.length === 0)) return new Map()
  const result = await rows<{ id: number; kind: string | null }>(
    db,
    sql`SELECT id, ${name(names.kind)}::text AS kind FROM ${name(names.tags)}
        ${tagIds ? sql`WHERE id = ANY(${intArray(tagIds)})` : sql``}`,
  )
  return new Map(result.filter((row) => row.kind).map((row) => [row.id, row.kind!]))
}

/** Sources whose stored lists show any of these stories. */
export async function sourcesListing(db: Database, names: StoreNames, targetIds: readonly ID[]): Promise<ID[]> {
  if (targetIds.length === 0) return []
  const result = await rows<{ source: number }>(
    db,
    sql`SELECT DISTINCT source_id AS source FROM ${name(names.recommendations)} WHERE target_id = ANY(${intArray(targetIds)})`,
  )
  return result.map((row) => row.source)
}

/** Of these (source, target) pairs, the sources whose stored lists show the target. */
export async function sourcesShowing(db: Database, names: StoreNames, pairs: readonly (readonly [source: ID, target: ID])[]): Promise<ID[]> {
  if (pairs.length === 0) return []
  const wanted = new Set(pairs.map(([source, target]) => `${source}>${target}`))
  const result = await rows<{ source: number; target: number }>(
    db,
    sql`SELECT source_id AS source, target_id AS target FROM ${name(names.recommendations)}
        WHERE source_id = ANY(${intArray([...new Set(pairs.map(([source]) => source))])})
          AND target_id = ANY(${intArray([...new Set(pairs.map(([, target]) => target))])})`,
  )
  return [...new Set(result.filter((row) => wanted.has(`${row.source}>${row.target}`)).map((row) => row.source))]
}

/** Stories tagged with any of these tags, whatever their status. */
export async function storiesTagged(db: Database, names: StoreNames, tagIds: readonly ID[]): Promise<ID[]> {
  if (tagIds.length === 0) return []
  const result = await rows<{ id: number }>(
    db,
    sql`SELECT DISTINCT parent_id AS id FROM ${name(names.rels)} WHERE path = ${names.tagPath} AND ${name(names.relTag)} = ANY(${intArray(tagIds)})`,
  )
  return result.map((row) => row.id)
}

export async function visibleIds(db: Database, names: StoreNames): Promise<ID[]> {
  const result = await rows<{ id: number }>(db, sql`SELECT id FROM ${name(names.stories)} s WHERE ${visible(names, 's')} ORDER BY id`)
  return result.map((row) => row.id)
}

/**
 * Replaces the stored lists of `sourceIds` with `links` (sources without links end up with an empty list), under the
 * writers' lock.
 */
export async function replaceLists(db: Database, names: StoreNames, sourceIds: readonly ID[], lists: ReadonlyMap<ID, Link[]>) {
  if (sourceIds.length === 0) return
  const records = [...lists].flatMap(([source, links]) =>
    links.map((link) => ({ source, target: link.target, rank: link.rank, score: link.score, shared_tags: link.sharedTags, origin: link.origin })),
  )
  // One statement: the delete and the insert see the same snapshot, so the new rows stay.
  await db.execute(
    sql`WITH gone AS (DELETE FROM ${name(names.recommendations)} WHERE source_id = ANY(${intArray(sourceIds)}))
        INSERT INTO ${name(names.recommendations)} (source_id, target_id, rank, score, shared_tags, origin, computed_at, updated_at, created_at)
        SELECT x.source, x.target, x.rank, x.score, x.shared_tags, x.origin::${name(names.originEnum)}, now(), now(), now()
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          AS x(source int, target int, rank int, score double precision, shared_tags jsonb, origin text)`,
  )
}

/**
 * Removes every stored list of, and link to, these stories (deleted ones), and the links a delete has already cut
 * loose; returns the other sources whose lists lost a link, to be refilled.
 */
export async function removeLinksOf(db: Database, names: StoreNames, ids: readonly ID[]): Promise<ID[]> {
  const result = await rows<{ source: number | null }>(
    db,
    sql`DELETE FROM ${name(names.recommendations)}
        WHERE source_id IS NULL OR target_id IS NULL OR source_id = ANY(${intArray(ids)}) OR target_id = ANY(${intArray(ids)})
        RETURNING source_id AS source`,
  )
  const removed = new Set(ids)
  return [...new Set(result.flatMap((row) => (row.source === null || removed.has(row.source) ? [] : [row.source])))]
}

/** What the index says each of these stories was: published (with its tags and date) or not, as the plugin last saw it. */
export async function indexedStates(db: Database, names: StoreNames, ids: readonly ID[]): Promise<Map<ID, { visible: boolean; tags: ID[]; publishedAt: number }>> {
  if (ids.length === 0) return new Map()
  const result = await rows<{ id: number; tags: number[]; published_at: Date }>(
    db,
    sql`SELECT story::int AS id, coalesce(array_agg(tag::int ORDER BY tag) FILTER (WHERE tag <> ${ALL_STORIES}), '{}') AS tags, min(published_at) AS published_at
        FROM ${name(names.postings)} WHERE story = ANY(${intArray(ids)}) GROUP BY story`,
  )
  return new Map(result.map((row) => [row.id, { visible: true, tags: row.tags.map(Number), publishedAt: new Date(row.published_at).getTime() }]))
}

/** Refreshes the planner's statistics of the plugin's tables after a rebuild rewrote them. */
export async function analyzeTables(db: Database, names: StoreNames) {
  await db.execute(sql`ANALYZE ${name(names.recommendations)}, ${name(names.postings)}, ${name(names.counts)}`)
}

/** Drops the lists of sources that are no longer published (rebuild's last step). */
export async function removeListsOfHiddenSources(db: Database, names: StoreNames) {
  await db.execute(
    sql`DELETE FROM ${name(names.recommendations)} rec WHERE NOT EXISTS (
          SELECT 1 FROM ${name(names.stories)} s WHERE s.id = rec.source_id AND ${visible(names, 's')})`,
  )
}
