/** The tag suggestions' phrase table (a hidden collection): each tag's name and aliases as phrases of plain words. */
import { sql } from '@payloadcms/db-postgres'

import { phrasesOfTag } from '../core/phrases.js'
import type { ID } from '../types.js'
import { name, type Store } from './store.js'

type TagPhrases = { tag: ID; phrases: readonly string[] }

/** Replaces the phrases of these tags (none for a tag given no phrases, as a deleted one). */
export async function rewritePhrases(store: Store, tags: readonly TagPhrases[]) {
  if (tags.length === 0) return
  const rows = tags.flatMap(({ tag, phrases }) => phrases.map((phrase) => [tag, phrase] as const))
  const table = name(store.names.phrases)
  // One statement: the delete and the insert see the same snapshot, so the new rows stay.
  await store.db.execute(
    sql`WITH gone AS (DELETE FROM ${table} WHERE tag = ANY(${store.keys(tags.map(({ tag }) => tag))}))
        INSERT INTO ${table} (tag, phrase, updated_at, created_at)
        SELECT x.tag, x.phrase, now(), now()
        FROM unnest(${store.keys(rows.map(([tag]) => tag))}, ${store.texts(rows.map(([, phrase]) => phrase))})
          AS x(tag, phrase)`,
  )
}

/** Every tag's name and aliases, as the tags' tables hold them now. */
async function readAllTagNames(store: Store): Promise<{ tag: ID; name: unknown; aliases: unknown }[]> {
  const { names } = store
  const title = names.tagTitle ? sql`t.${name(names.tagTitle)}` : sql`NULL`
  const aliases = names.tagTexts
    ? sql`(SELECT coalesce(array_agg(x.text ORDER BY x."order"), '{}') FROM ${name(names.tagTexts)} x
           WHERE x.parent_id = t.id AND x.path = ${names.aliasesPath})`
    : sql`'{}'::text[]`
  const rows = await store.rows<{ id: unknown; name: unknown; aliases: unknown }>(
    sql`SELECT t.id, ${title} AS name, ${aliases} AS aliases FROM ${name(names.tags)} t`,
  )
  return rows.map((row) => ({ tag: store.id(row.id), name: row.name, aliases: row.aliases }))
}

/** Builds the phrase table afresh from every tag (the rebuild's step, and the first suggestion's when it is empty). */
export async function rewriteAllPhrases(store: Store) {
  const tags = await readAllTagNames(store)
  await store.db.execute(sql`DELETE FROM ${name(store.names.phrases)}`)
  const batch = 10_000
  for (let start = 0; start < tags.length; start += batch) {
    await rewritePhrases(
      store,
      tags.slice(start, start + batch).map(({ tag, name, aliases }) => ({ tag, phrases: phrasesOfTag(name, aliases) })),
    )
  }
}

/** Whether the phrase table has never been filled while tags exist. */
export async function phrasesMissing(store: Store): Promise<boolean> {
  const { names } = store
  const [row] = await store.rows<{ missing: boolean }>(
    sql`SELECT NOT EXISTS (SELECT 1 FROM ${name(names.phrases)}) AND EXISTS (SELECT 1 FROM ${name(names.tags)})
        AS missing`,
  )
  return Boolean(row?.missing)
}

/** The tags any of these phrases belongs to, with the phrase. */
export async function findPhrases(store: Store, phrases: readonly string[]): Promise<{ tag: ID; phrase: string }[]> {
  if (phrases.length === 0) return []
  const rows = await store.rows<{ tag: unknown; phrase: string }>(
    sql`SELECT tag, phrase FROM ${name(store.names.phrases)} WHERE phrase = ANY(${store.texts(phrases)})`,
  )
  return rows.map((row) => ({ tag: store.id(row.tag), phrase: row.phrase }))
}
