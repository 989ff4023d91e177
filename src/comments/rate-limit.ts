import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDatabase } from '../db/postgres-adapter'

export type Window = { name: string; seconds: number; limit: number }
export type RateVerdict = { allowed: true } | { allowed: false; retryAfter: number; window: string }

/**
 * Counts one hit for each key in each window, with one atomic upsert per counter (so parallel requests cannot slip
 * past the limit), in the `rate-limits` table shared by every app instance. The upsert runs in the request's
 * transaction: a counter row stays locked until the post commits, so posts from one reader go one at a time, and a
 * post that is refused leaves no count behind. Expired windows are swept as hits come in.
 */
export async function hit(req: PayloadRequest, keys: readonly string[], windows: readonly Window[], now = Date.now()): Promise<RateVerdict> {
  const db = await transactionDatabase(req)
  let verdict: RateVerdict = { allowed: true }
  for (const window of windows) {
    const start = Math.floor(now / (window.seconds * 1000)) * window.seconds * 1000
    const end = start + window.seconds * 1000
    for (const key of keys) {
      const result = await db.execute(sql`
        INSERT INTO rate_limits (key, window_start, count, expires_at, updated_at, created_at)
        VALUES (${`${key}|${window.name}`}, ${new Date(start).toISOString()}, 1, ${new Date(end).toISOString()}, now(), now())
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limits.count + 1, updated_at = now()
        RETURNING count`)
      const count = Number((result.rows[0] as { count: number | string }).count)
      if (count > window.limit && verdict.allowed) verdict = { allowed: false, retryAfter: Math.max(1, Math.ceil((end - now) / 1000)), window: window.name }
    }
  }
  await db.execute(sql`DELETE FROM rate_limits WHERE id IN (SELECT id FROM rate_limits WHERE expires_at < now() LIMIT 500)`)
  return verdict
}
