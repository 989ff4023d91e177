import { sql } from '@payloadcms/db-postgres'

import type { Store } from './store.js'

/** Any number works as long as nothing else in the database takes advisory locks in the same space. */
const WRITERS_LOCK_SPACE = 72_410_001

/**
 * Takes the plugin's writers' lock until the transaction ends: one writer at a time (a save, a job, a rebuild step),
 * across requests and app instances. Whoever changes stories takes it before anything about them is read.
 *
 * Why one lock and not one per story or tag: a list depends on the stories near its source on every tag of the
 * source, so two saves with no tag in common can still both recompute the same third list, each blind to the other's
 * change; whichever commits last would leave the list wrong. A writer holds the lock for milliseconds.
 */
export async function lockWriters(store: Store) {
  await store.db.execute(
    sql`SELECT pg_advisory_xact_lock(${WRITERS_LOCK_SPACE}, hashtext(${store.names.recommendations}))`,
  )
}
