/**
 * Every SQL statement of the plugin. Reads the stories, their tags and the editors' controls straight from Payload's
 * tables, and replaces stored lists set by set. Nothing here writes to the stories themselves.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { windowAround, type Link, type PinnableStory, type Posting, type SourceStory } from './scoring'
import type { ID, ListMode, ResolvedMoreOnOptions } from './types'

type Database = Pick<PostgresAdapter['drizzle'], 'execute'>
type SQL = ReturnType<typeof sql>

/** Table and column names, read from the schema Payload built (so any collection and field names work). */
export type StoreNames = {
  stories: string
  rels: string
  tags: string
  recommendations: string
  counts: string
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
  const hasStatus = Boolean((adapter.tables[stories] as Record<string, unknown>)._status)
  return {
    stories,
    rels,
    tags,
    recommendations,
    counts,
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

/** Where published stories sit on one tag's date-sorted list, around a moment. */
export type WindowRequest = {
  tag: ID
  at: number
  /** How many stories to take on each side of `at`: before it, and from it on. */
  reach: number
  /**
   * The tag is on so many stories that walking the stories by date and keeping the tagged ones reads fewer rows than
   * reading every story of the tag (the caller decides, from the counts).
   */
  dense: boolean
}

const postingColumns = (names: StoreNames) =>
  sql`s.id, s.${name(names.publishedAt)} AS published_at, s.${name(names.neverAutoLink)} AS never`
type PostingRow = { id: number; published_at: Date; never: boolean | null }
const toPosting = (row: PostingRow): Posting => ({ id: row.id, publishedAt: new Date(row.published_at).getTime(), neverAutoLink: Boolean(row.never) })

/** Every published story of the given tags (all tags when `tagIds` is undefined), by tag, sorted by date then id. */
export async function loadPostings(db: Database, names: StoreNames, tagIds?: readonly ID[]): Promise<Map<ID, Posting[]>> {
  if (tagIds && tagIds.length === 0) return new Map()
  const result = await rows<PostingRow & { tag: number }>(
    db,
    sql`SELECT DISTINCT r.${name(names.relTag)} AS tag, ${postingColumns(names)}
        FROM ${name(names.rels)} r JOIN ${name(names.stories)} s ON s.id = r.parent_id
        WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL AND ${visible(names, 's')}
        ${tagIds ? sql`AND r.${name(names.relTag)} = ANY(${intArray(tagIds)})` : sql``}
        ORDER BY published_at, s.id`,
  )
  const postings = new Map<ID, Posting[]>()
  for (const row of result) {
    const tag = Number(row.tag)
    ;(postings.get(tag) ?? postings.set(tag, []).get(tag)!).push(toPosting(row))
  }
  return postings
}

/**
 * For each request, the stories around `at` on its tag, sorted by date then id (the order the scoring expects).
 * Tags of few stories are read whole, in one statement; for crowded ones each side of each moment is a walk along
 * the stories by date, one statement for all of them (its parameters let Postgres plan each walk for its own tag).
 */
export async function loadWindows(db: Database, names: StoreNames, requests: readonly WindowRequest[]): Promise<Posting[][]> {
  const whole = await loadPostings(db, names, [...new Set(requests.filter((request) => !request.dense).map((request) => request.tag))])
  const windows = requests.map((request) => (request.dense ? [] : windowAround(whole.get(request.tag) ?? [], request.at, request.reach)))
  const walks = requests.flatMap((request, index) => {
    if (!request.dense) return []
    const side = (comparison: SQL, order: SQL) =>
      sql`(SELECT ${index}::int AS request, ${postingColumns(names)} FROM ${name(names.stories)} s
           WHERE ${visible(names, 's')} AND s.${name(names.publishedAt)} ${comparison} ${new Date(request.at).toISOString()}::timestamptz
             AND EXISTS (SELECT 1 FROM ${name(names.rels)} r WHERE r.parent_id = s.id AND r.path = ${names.tagPath} AND r.${name(names.relTag)} = ${request.tag}::int)
           ORDER BY s.${name(names.publishedAt)} ${order}, s.id ${order} LIMIT ${request.reach}::int)`
    return [side(sql`<`, sql`DESC`), side(sql`>=`, sql`ASC`)]
  })
  if (walks.length > 0) {
    for (const row of await rows<PostingRow & { request: number }>(db, sql.join(walks, sql` UNION ALL `))) windows[row.request]!.push(toPosting(row))
    for (const request of requests.keys()) if (requests[request]!.dense) windows[request]!.sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id)
  }
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

/** Adds these changes to the kept counts (tag 0: all published stories). Concurrent saves add one after the other. */
export async function adjustCounts(db: Database, names: StoreNames, deltas: ReadonlyMap<ID, number>) {
  const changed = [...deltas].filter(([, delta]) => delta !== 0).sort(([a], [b]) => a - b)
  if (changed.length === 0) return
  const counts = name(names.counts)
  await db.execute(
    sql`INSERT INTO ${counts} (tag, published, updated_at, created_at)
        SELECT x.tag, x.delta, now(), now() FROM unnest(${intArray(changed.map(([tag]) => tag))}, ${intArray(changed.map(([, delta]) => delta))}) AS x(tag, delta)
        ON CONFLICT (tag) DO UPDATE SET published = ${counts}.published + EXCLUDED.published, updated_at = now()`,
  )
}

/** Any number works as long as nothing else in the database takes advisory locks in the same space. */
const COUNTS_LOCK_SPACE = 72_410_003

/** Counts every tag's published stories afresh (the full rebuild's first step); one recount at a time. */
export async function recount(db: Database, names: StoreNames) {
  await db.execute(sql`SELECT pg_advisory_xact_lock(${COUNTS_LOCK_SPACE}, 0)`)
  await db.execute(sql`DELETE FROM ${name(names.counts)}`)
  await db.execute(
    sql`INSERT INTO ${name(names.counts)} (tag, published, updated_at, created_at)
        SELECT r.${name(names.relTag)}, count(DISTINCT s.id), now(), now()
        FROM ${name(names.rels)} r JOIN ${name(names.stories)} s ON s.id = r.parent_id
        WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL AND ${visible(names, 's')}
        GROUP BY r.${name(names.relTag)}
        UNION ALL
        SELECT ${ALL_STORIES}::int, count(*), now(), now() FROM ${name(names.stories)} s WHERE ${visible(names, 's')}`,
  )
}

const counted = async (db: Database, names: StoreNames) =>
  (await rows(db, sql`SELECT 1 FROM ${name(names.counts)} WHERE tag = ${ALL_STORIES}`)).length > 0

/**
 * Counts everything as it now is when nothing was counted yet (a database that had stories before the plugin kept
 * counts); true when it did.
 */
export async function countIfNeverCounted(db: Database, names: StoreNames): Promise<boolean> {
  if (await counted(db, names)) return false
  await db.execute(sql`SELECT pg_advisory_xact_lock(${COUNTS_LOCK_SPACE}, 0)`)
  if (await counted(db, names)) return false
  await recount(db, names)
  return true
}

export type StoredLink = { target: ID; score: number; origin: 'auto' | 'pinned' }

/** The stored lists of these sources, in rank order. */
export async function loadStoredLists(db: Database, names: StoreNames, sourceIds: readonly ID[]): Promise<Map<ID, StoredLink[]>> {
  const lists = new Map<ID, StoredLink[]>()
  if (sourceIds.length === 0) return lists
  const result = await rows<{ source: number; target: number; score: string; origin: 'auto' | 'pinned' }>(
    db,
    sql`SELECT source_id AS source, target_id AS target, score, origin FROM ${name(names.recommendations)}
        WHERE source_id = ANY(${intArray(sourceIds)}) ORDER BY source_id, rank`,
  )
  for (const row of result) {
    const list = lists.get(row.source) ?? lists.set(row.source, []).get(row.source)!
    list.push({ target: row.target, score: Number(row.score), origin: row.origin })
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

/** Any number works as long as nothing else in the database takes advisory locks in the same space. */
const LIST_LOCK_SPACE = 72_410_002

/**
 * Replaces the stored lists of `sourceIds` with `links` (sources without links end up with an empty list). Each list
 * is locked for the rest of the transaction, in id order, so concurrent writers (other requests, jobs, other app
 * instances) replace a list one after the other instead of interleaving their rows.
 */
export async function replaceLists(db: Database, names: StoreNames, sourceIds: readonly ID[], lists: ReadonlyMap<ID, Link[]>) {
  if (sourceIds.length === 0) return
  await db.execute(sql`SELECT pg_advisory_xact_lock(${LIST_LOCK_SPACE}, id) FROM unnest(${intArray(sourceIds)}) AS id ORDER BY id`)
  await db.execute(sql`DELETE FROM ${name(names.recommendations)} WHERE source_id = ANY(${intArray(sourceIds)})`)
  const records = [...lists].flatMap(([source, links]) =>
    links.map((link) => ({ source, target: link.target, rank: link.rank, score: link.score, shared_tags: link.sharedTags, origin: link.origin })),
  )
  if (records.length === 0) return
  await db.execute(
    sql`INSERT INTO ${name(names.recommendations)} (source_id, target_id, rank, score, shared_tags, origin, computed_at, updated_at, created_at)
        SELECT x.source, x.target, x.rank, x.score, x.shared_tags, x.origin::${name(names.originEnum)}, now(), now(), now()
        FROM jsonb_to_recordset(${JSON.stringify(records)}::jsonb)
          AS x(source int, target int, rank int, score double precision, shared_tags jsonb, origin text)`,
  )
}

/** Removes every stored list of, and link to, the given stories (and links a delete has already cut loose). */
export async function removeStories(db: Database, names: StoreNames, ids: readonly ID[]) {
  await db.execute(
    sql`DELETE FROM ${name(names.recommendations)}
        WHERE source_id IS NULL OR target_id IS NULL OR source_id = ANY(${intArray(ids)}) OR target_id = ANY(${intArray(ids)})`,
  )
}

/** Drops the lists of sources that are no longer published (rebuild's last step). */
export async function removeListsOfHiddenSources(db: Database, names: StoreNames) {
  await db.execute(
    sql`DELETE FROM ${name(names.recommendations)} rec WHERE NOT EXISTS (
          SELECT 1 FROM ${name(names.stories)} s WHERE s.id = rec.source_id AND ${visible(names, 's')})`,
  )
}
