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

/**
 * Bumps the version of each key, each as soon as no other transaction holds it; for a caller outside any transaction
 * (a report after a commit). Every key free now is bumped by one statement that waits for none (SKIP LOCKED), so it
 * cannot close a cycle of waits with a save bumping the same keys in its own order; a key held by such a save (or
 * never bumped yet) is then bumped on its own, waiting for that one row while holding none.
 */
export async function bumpVersionsEach(req: PayloadRequest, keys: readonly string[]): Promise<void> {
  const unique = [...new Set(keys)].sort()
  if (unique.length === 0) return
  const db = await transactionDatabase(req)
  const { rows } = await db.execute(sql`
    WITH free AS (
      SELECT key FROM site_freshness WHERE key = ANY(${textArray(unique)}) ORDER BY key FOR UPDATE SKIP LOCKED
    )
    UPDATE site_freshness SET version = site_freshness.version + 1, updated_at = now()
    FROM free WHERE site_freshness.key = free.key RETURNING site_freshness.key`)
  const bumped = new Set((rows as { key: string }[]).map((row) => row.key))
  for (const key of unique.filter((key) => !bumped.has(key))) await bumpVersions(req, [key])
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
