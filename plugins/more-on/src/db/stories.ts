/** Reads of the stories' own tables (Payload's): their state, tags and editors' controls. Never written here. */
import { sql } from '@payloadcms/db-postgres'

import type { ID, ListMode, PinnableStory, SourceStory, StoredStory } from '../types.js'
import { name, type SQL, type Store } from './store.js'

/** A story's place in time: its publish date, or its creation when it has none (core/liveness.ts). */
export const dateSql = (store: Store, alias: string): SQL =>
  sql`coalesce(${name(alias)}.${name(store.names.publishedAt)}, ${name(alias)}.${name(store.names.createdAt)})`

/**
 * The live rule of core/liveness.ts in SQL: published, and its date has come. "Now" is the app's clock, as in
 * Payload's access rules; the database's now() is the transaction's start, before a story published in that
 * transaction was stamped.
 */
export function liveSql(store: Store, alias: string): SQL {
  const dateHasCome = sql`${dateSql(store, alias)} <= ${new Date().toISOString()}::timestamptz`
  return store.names.status
    ? sql`${name(alias)}.${name(store.names.status)} = 'published' AND ${dateHasCome}`
    : dateHasCome
}

/** The related documents at one path of a story's relationships (`r`), in order, as text. */
const relsOf = (path: string, target: string) =>
  // As text: node-postgres parses arrays of every id type the same way then.
  sql`coalesce(
    array_agg(r.${name(target)}::text ORDER BY r."order")
      FILTER (WHERE r.path = ${path} AND r.${name(target)} IS NOT NULL),
    '{}'::text[]
  )`

type StoryRow = {
  id: unknown
  published_at: Date | null
  live: boolean
  mode: ListMode | null
  tags: unknown[]
  kinds: (string | null)[] | null
  pinned: unknown[]
  excluded: unknown[]
}

/**
 * Stories with their tags (in order) and the editors' controls; `liveOnly` leaves out drafts and scheduled ones.
 * Each story is read once per store, with its tags' kinds (see `Store.storiesRead`).
 */
export async function loadStories(
  store: Store,
  ids: readonly ID[],
  { liveOnly }: { liveOnly: boolean },
): Promise<StoredStory[]> {
  const wanted = [...new Set(ids.map((id) => store.id(id)))]
  const missing = wanted.filter((id) => !store.storiesRead.has(id))
  if (missing.length > 0) await readStories(store, missing)
  return wanted.flatMap((id) => {
    const story = store.storiesRead.get(id)
    return story && (story.live || !liveOnly) ? [story] : []
  })
}

async function readStories(store: Store, ids: readonly ID[]) {
  const { names } = store
  // The kinds line up with the tags: same rows, same order.
  const kinds = names.kind
    ? sql`array_agg(t.${name(names.kind)}::text ORDER BY r."order")
          FILTER (WHERE r.path = ${names.tagPath} AND r.${name(names.relTag)} IS NOT NULL)`
    : sql`NULL::text[]`
  const tags = names.kind ? sql`LEFT JOIN ${name(names.tags)} t ON t.id = r.${name(names.relTag)}` : sql``
  const result = await store.rows<StoryRow>(
    sql`SELECT s.id, ${dateSql(store, 's')} AS published_at, s.${name(names.mode)} AS mode,
          (${liveSql(store, 's')}) AS live,
          ${relsOf(names.tagPath, names.relTag)} AS tags, ${kinds} AS kinds,
          ${relsOf(names.pinnedPath, names.relStory)} AS pinned,
          ${relsOf(names.excludedPath, names.relStory)} AS excluded
        FROM ${name(names.stories)} s LEFT JOIN ${name(names.rels)} r ON r.parent_id = s.id ${tags}
        WHERE s.id = ANY(${store.ids(ids)})
        GROUP BY s.id`,
  )
  for (const id of ids) store.storiesRead.set(id, null)
  for (const row of result) {
    const story: StoredStory = {
      id: store.id(row.id),
      live: Boolean(row.live),
      publishedAt: row.published_at ? new Date(row.published_at).getTime() : Date.now(),
      mode: row.mode ?? 'auto',
      tags: row.tags.map((tag) => store.id(tag)),
      pinned: row.pinned.map((pin) => store.id(pin)),
      excluded: row.excluded.map((id) => store.id(id)),
    }
    store.storiesRead.set(story.id, story)
    row.kinds?.forEach((kind, index) => store.kindsRead.set(story.tags[index]!, kind))
  }
}

/** The live stories among these, with their tags (pins to anything else are skipped). */
export async function loadPinnable(store: Store, ids: readonly ID[]): Promise<Map<ID, PinnableStory>> {
  const stories = await loadStories(store, ids, { liveOnly: true })
  return new Map(stories.map((story) => [story.id, { id: story.id, publishedAt: story.publishedAt, tags: story.tags }]))
}

/** Stories tagged with any of these tags, whatever their status. */
export async function storiesTagged(store: Store, tagIds: readonly ID[]): Promise<ID[]> {
  if (tagIds.length === 0) return []
  const { names } = store
  const result = await store.rows<{ id: unknown }>(
    sql`SELECT DISTINCT parent_id AS id FROM ${name(names.rels)}
        WHERE path = ${names.tagPath} AND ${name(names.relTag)} = ANY(${store.ids(tagIds)})`,
  )
  return result.map((row) => store.id(row.id))
}

/** The editors' controls of one story. */
export type Controls = Pick<SourceStory, 'mode' | 'pinned' | 'excluded'>

/** The controls of every live story whose editors set any (a rebuild's; the others' lists are automatic). */
export async function loadControls(store: Store): Promise<Map<ID, Controls>> {
  const { names } = store
  const result = await store.rows<Omit<StoryRow, 'published_at' | 'live' | 'tags'>>(
    sql`SELECT s.id, s.${name(names.mode)} AS mode,
          ${relsOf(names.pinnedPath, names.relStory)} AS pinned,
          ${relsOf(names.excludedPath, names.relStory)} AS excluded
        FROM ${name(names.stories)} s
        LEFT JOIN ${name(names.rels)} r ON r.parent_id = s.id AND r.path IN (${names.pinnedPath}, ${names.excludedPath})
        WHERE ${liveSql(store, 's')}
          AND (coalesce(s.${name(names.mode)}::text, 'auto') <> 'auto' OR r.parent_id IS NOT NULL)
        GROUP BY s.id`,
  )
  return new Map(
    result.map((row) => [
      store.id(row.id),
      {
        mode: row.mode ?? 'auto',
        pinned: row.pinned.map((pin) => store.id(pin)),
        excluded: row.excluded.map((story) => store.id(story)),
      },
    ]),
  )
}
