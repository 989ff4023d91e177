/** Reads of the tag collection's table (Payload's). */
import { sql } from '@payloadcms/db-postgres'

import type { ID } from '../types.js'
import { name, type Store } from './store.js'

/** Kind of each of these tags (once per store: reads of stories bring their tags' kinds); empty when tags have none. */
export async function loadKinds(store: Store, tagIds: readonly ID[]): Promise<Map<ID, string>> {
  const { names } = store
  if (!names.kind || tagIds.length === 0) return new Map()
  const wanted = [...new Set(tagIds.map((tag) => store.id(tag)))]
  const missing = wanted.filter((tag) => !store.kindsRead.has(tag))
  if (missing.length > 0) {
    const result = await store.rows<{ id: unknown; kind: string | null }>(
      sql`SELECT id, ${name(names.kind)}::text AS kind FROM ${name(names.tags)} WHERE id = ANY(${store.ids(missing)})`,
    )
    for (const tag of missing) store.kindsRead.set(tag, null)
    for (const row of result) store.kindsRead.set(store.id(row.id), row.kind)
  }
  const kinds = new Map<ID, string>()
  for (const tag of wanted) {
    const kind = store.kindsRead.get(tag)
    if (kind) kinds.set(tag, kind)
  }
  return kinds
}
