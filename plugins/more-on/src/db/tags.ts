/** Reads of the tag collection's table (Payload's). */
import { sql } from '@payloadcms/db-postgres'

import type { ID } from '../types.js'
import { name, type Store } from './store.js'

/** Kind of each of these tags (once per store: reads of stories bring their tags' kinds); empty when tags have none. */
export async function loadKinds(store: Store, tagIds: readonly ID[]): Promise<Map<ID, string>> {
  const { names } = store
  if (!names.kind || tagIds.length === 0) return new Map()
  const missing = [...new Set(tagIds.map((tag) => store.id(tag)))].filter((tag) => !store.kindsRead.has(tag))
  if (missing.length > 0) {
    const result = await store.rows<{ id: unknown; kind: string | null }>(
      sql`SELECT id, ${name(names.kind)}::text AS kind FROM ${name(names.tags)} WHERE id = ANY(${store.ids(missing)})`,
    )
    for (const tag of missing) store.kindsRead.set(tag, null)
    for (const row of result) store.kindsRead.set(store.id(row.id), row.kind)
  }
  return new Map(
    tagIds.flatMap((tag) => {
      const kind = store.kindsRead.get(store.id(tag))
      return kind ? [[store.id(tag), kind] as const] : []
    }),
  )
}
