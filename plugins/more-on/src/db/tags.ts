/** Reads of the tag collection's table (Payload's). */
import { sql } from '@payloadcms/db-postgres'

import type { ID } from '../types.js'
import { name, type Store } from './store.js'

/** Kind of each of these tags; empty when tags have no kinds. */
export async function loadKinds(store: Store, tagIds: readonly ID[]): Promise<Map<ID, string>> {
  const { names } = store
  if (!names.kind || tagIds.length === 0) return new Map()
  const result = await store.rows<{ id: unknown; kind: string | null }>(
    sql`SELECT id, ${name(names.kind)}::text AS kind FROM ${name(names.tags)} WHERE id = ANY(${store.ids(tagIds)})`,
  )
  return new Map(result.filter((row) => row.kind).map((row) => [store.id(row.id), row.kind!]))
}
