/**
 * Every SQL statement of the plugin. Reads the stories, their tags and the editors' controls straight from Payload's
 * tables, and replaces stored lists set by set. Nothing here writes to the stories themselves.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import type { Link, PinnableStory, Posting, SourceStory } from './scoring'
import type { ID, ListMode, ResolvedMoreOnOptions } from './types'

type Database = Pick<PostgresAdapter['drizzle'], 'execute'>
type SQL = ReturnType<typeof sql>

/** Table and column names, read from the schema Payload built (so any collection and field names work). */
export type StoreNames = {
  stories: string
  rels: string
  tags: string
  recommendations: string
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
  const hasStatus = Boolean((adapter.tables[stories] as Record<string, unknown>)._status)
  return {
    stories,
    rels,
    tags,
    recommendations,
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

export async function countVisible(db: Database, names: StoreNames): Promise<number> {
  const [row] = await rows<{ count: string }>(db, sql`SELECT count(*) AS count FROM ${name(names.stories)} s WHERE ${visible(names, 's')}`)
  return Number(row?.count ?? 0)
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

/** Every published story of the given tags (all tags when `tagIds` is undefined), grouped by tag. */
export async function loadPostings(db: Database, names: StoreNames, tagIds?: readonly ID[]): Promise<Map<ID, Posting[]>> {
  if (tagIds && tagIds.length === 0) return new Map()
  const result = await rows<{ tag: number; id: number; published_at: Date; never: boolean | null }>(
    db,
    sql`SELECT DISTINCT r.${name(names.relTag)} AS tag, s.id, s.${name(names.publishedAt)} AS published_at, s.${name(names.neverAutoLink)} AS never
        FROM ${name(names.rels)} r JOIN ${name(names.stories)} s ON s.id = r.parent_id
        WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL AND ${visible(names, 's')}
        ${tagIds ? sql`AND r.${name(names.relTag)} = ANY(${intArray(tagIds)})` : sql``}
        ORDER BY published_at, s.id`,
  )
  // Sorted by date then id, as the scoring's nearest-in-time search expects.
  const postings = new Map<ID, Posting[]>()
  for (const row of result) {
    const tag = Number(row.tag)
    const list = postings.get(tag) ?? postings.set(tag, []).get(tag)!
    list.push({ id: row.id, publishedAt: new Date(row.published_at).getTime(), neverAutoLink: Boolean(row.never) })
  }
  return postings
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
