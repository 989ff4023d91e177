/**
 * The plugin's index (a hidden collection): one entry per live story and tag, ordered by tag, date and story, so that
 * the stories around any moment on any tag are a short index range whatever the size of the tag; and one entry with
 * no tag per live story. It is the plugin's own record of what every story was when it last looked: a change is the
 * difference between it and the stories' tables, so work replayed from the jobs queue is never counted twice.
 */
import { sql } from '@payloadcms/db-postgres'

import { compareIds } from '../core/ids.js'
import type { IndexEntries } from '../core/snapshot.js'
import type { ID, Posting, StoryState } from '../types.js'
import { rewriteCounts, hasIndex } from './counts.js'
import { dateSql, liveSql } from './stories.js'
import { name, type Store } from './store.js'

const columns = sql`(tag, story, published_at, never_auto_link, updated_at, created_at)`

const entriesOf = (store: Store, ids?: readonly ID[]) => {
  const { names } = store
  const only = ids ? sql`AND s.id = ANY(${store.ids(ids)})` : sql``
  const values = sql`s.id, ${dateSql(store, 's')}, coalesce(s.${name(names.neverAutoLink)}, false), now(), now()`
  return sql`SELECT DISTINCT r.${name(names.relTag)}, ${values}
      FROM ${name(names.rels)} r JOIN ${name(names.stories)} s ON s.id = r.parent_id
      WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL AND ${liveSql(store, 's')} ${only}
      UNION ALL
      SELECT NULL, ${values} FROM ${name(names.stories)} s WHERE ${liveSql(store, 's')} ${only}`
}

/** Rewrites the index entries of these stories from what they now are (none for drafts, scheduled and deleted ones). */
export async function reindexStories(store: Store, ids: readonly ID[]) {
  if (ids.length === 0) return
  // One statement: the delete and the insert see the same snapshot, so the new entries stay.
  await store.db.execute(
    sql`WITH gone AS (DELETE FROM ${name(store.names.postings)} WHERE story = ANY(${store.keys(ids)}))
        INSERT INTO ${name(store.names.postings)} ${columns} ${entriesOf(store, ids)}`,
  )
}

/** Builds the index and the counts afresh (the full rebuild's first step), under the writers' lock. */
export async function reindexAll(store: Store) {
  await store.db.execute(sql`DELETE FROM ${name(store.names.postings)}`)
  await store.db.execute(sql`INSERT INTO ${name(store.names.postings)} ${columns} ${entriesOf(store)}`)
  await rewriteCounts(store)
}

/**
 * Once built, the index stays built (a rebuild replaces it in one transaction): each instance asks only until it is.
 */
const knownIndexed = new WeakSet<object>()

/**
 * Builds the index from what is there now when it was never built (stories written before the plugin), under the
 * writers' lock; true when it did.
 */
export async function indexIfNeverIndexed(store: Store): Promise<boolean> {
  if (knownIndexed.has(store.names)) return false
  if (await hasIndex(store)) {
    knownIndexed.add(store.names)
    return false
  }
  await reindexAll(store)
  return true
}

/** Writes the entries of every live story as they now are into `table` (a rebuild's staged index). */
export async function fillIndex(store: Store, table: string) {
  await store.db.execute(sql`INSERT INTO ${name(table)} ${columns} ${entriesOf(store)}`)
}

/**
 * Reads a staged index back, aggregated in Postgres so that a million stories arrive as a few arrays rather than
 * millions of rows.
 */
export async function readIndex(store: Store, table: string): Promise<IndexEntries> {
  const entries = name(table)
  const [placed] = await store.rows<{ ids: unknown[] | null; times: number[] | null; never: boolean[] | null }>(
    // As ids and double precision: node-postgres parses those arrays (and leaves numeric ones as one string).
    sql`SELECT array_agg(story::${store.idType}) AS ids,
          array_agg(floor(extract(epoch FROM published_at) * 1000)::double precision) AS times,
          array_agg(never_auto_link) AS never
        FROM ${entries} WHERE tag IS NULL`,
  )
  const times = placed?.times ?? []
  const never = placed?.never ?? []
  const stories = (placed?.ids ?? []).map((id, index) => ({
    id: store.id(id),
    publishedAt: Number(times[index]),
    neverAutoLink: Boolean(never[index]),
  }))
  const tagged = await store.rows<{ tag: unknown; stories: unknown[] }>(
    sql`SELECT tag, array_agg(story::${store.idType}) AS stories FROM ${entries} WHERE tag IS NOT NULL GROUP BY tag`,
  )
  return { stories, byTag: new Map(tagged.map((row) => [store.id(row.tag), row.stories.map((id) => store.id(id))])) }
}

/** The stories around a place (a date, then an id) on one tag's list: `reach` before it, and `reach` from it on. */
export type WindowRequest = { tag: ID; at: number; id: ID; reach: number }

/**
 * For each request, the stories around its place on its tag, sorted by date then id (the order the scoring expects).
 */
export async function loadWindows(store: Store, requests: readonly WindowRequest[]): Promise<Posting[][]> {
  const windows = requests.map((): Posting[] => [])
  if (requests.length === 0) return windows
  const postings = name(store.names.postings)
  const side = (comparison: ReturnType<typeof sql.raw>, order: ReturnType<typeof sql.raw>) =>
    sql`(SELECT story, published_at, never_auto_link FROM ${postings}
         WHERE tag = q.tag AND (published_at, story) ${comparison} (q.at, q.id)
         ORDER BY published_at ${order}, story ${order} LIMIT q.reach)`
  // The date as epoch milliseconds: a publish reads thousands of these rows, and a number is read without parsing.
  const result = await store.rows<{ request: number; id: unknown; published_ms: number; never: boolean | null }>(
    sql`SELECT q.request, p.story AS id, p.never_auto_link AS never,
          floor(extract(epoch FROM p.published_at) * 1000)::double precision AS published_ms
        FROM unnest(
          ${store.keys(requests.map((request) => request.tag))},
          ${store.times(requests.map((request) => request.at))},
          ${store.keys(requests.map((request) => request.id))},
          ${store.numbers(requests.map((request) => request.reach))},
          ${store.numbers(requests.map((_, index) => index))}
        ) AS q(tag, at, id, reach, request)
        CROSS JOIN LATERAL (${side(sql.raw('<'), sql.raw('DESC'))} UNION ALL ${side(sql.raw('>='), sql.raw('ASC'))}) p`,
  )
  for (const row of result)
    windows[row.request]!.push({
      id: store.id(row.id),
      publishedAt: row.published_ms,
      neverAutoLink: Boolean(row.never),
    })
  for (const window of windows) window.sort((a, b) => a.publishedAt - b.publishedAt || compareIds(a.id, b.id))
  return windows
}

/** What the index says each of these stories was: live (with its tags and date) or not, as the plugin last saw it. */
export async function indexedStates(store: Store, ids: readonly ID[]): Promise<Map<ID, StoryState>> {
  if (ids.length === 0) return new Map()
  const result = await store.rows<{ id: unknown; tags: unknown[]; published_at: Date }>(
    sql`SELECT story AS id, min(published_at) AS published_at,
          coalesce(array_agg(tag::text ORDER BY tag) FILTER (WHERE tag IS NOT NULL), '{}'::text[]) AS tags
        FROM ${name(store.names.postings)} WHERE story = ANY(${store.keys(ids)}) GROUP BY story`,
  )
  return new Map(
    result.map((row) => [
      store.id(row.id),
      { live: true, tags: row.tags.map((tag) => store.id(tag)), publishedAt: new Date(row.published_at).getTime() },
    ]),
  )
}
