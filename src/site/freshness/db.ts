import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDatabase } from '../../../plugins/shared/transactionDatabase'

const textArray = (values: readonly string[]) =>
  sql`${`{${values.map((value) => `"${value.replace(/(["\\])/g, '\\$1')}"`).join(',')}}`}::text[]`

/**
 * Bumps the version of each key, in the request's transaction when it has one (so the bump commits with the change
 * it announces). Keys are taken in sorted order, so two transactions bumping the same keys take turns, never
 * deadlock.
 */
export async function bumpVersions(req: PayloadRequest, keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)].sort()
  if (unique.length === 0) return
  const db = await transactionDatabase(req)
  await db.execute(sql`
    INSERT INTO site_freshness (key, version, updated_at, created_at)
    SELECT key, 1, now(), now() FROM unnest(${textArray(unique)}) AS key ORDER BY key
    ON CONFLICT (key) DO UPDATE SET version = site_freshness.version + 1, updated_at = now()`)
}

export type Connection = Awaited<ReturnType<typeof transactionDatabase>>

/** The current version of each key (0 for one never bumped), on a connection (the pool, or a snapshot's). */
export async function readVersions(db: Connection, keys: readonly string[]): Promise<Map<string, number>> {
  const { rows } = await db.execute(
    sql`SELECT key, version FROM site_freshness WHERE key = ANY(${textArray([...new Set(keys)])})`,
  )
  const versions = new Map(keys.map((key) => [key, 0]))
  for (const row of rows as { key: string; version: number | string }[]) versions.set(row.key, Number(row.version))
  return versions
}
