import { sql } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

import { transactionDatabase } from './transactionDatabase'

/** Spaces of the app's advisory locks; any numbers work as long as nothing else in the database uses them. */
export const LOCK_SPACES = { slug: 72_410_101, jobsQueue: 72_410_102 } as const

/**
 * Holds an advisory lock on `key` in `space` until the request's transaction ends, so that concurrent requests doing
 * the same check-then-write (is this slug free?) take turns. Outside a transaction it would be released at once.
 */
export async function lockUntilCommit(req: PayloadRequest, space: number, key: string): Promise<void> {
  const db = await transactionDatabase(req)
  await db.execute(sql`SELECT pg_advisory_xact_lock(${space}, hashtext(${key}))`)
}
