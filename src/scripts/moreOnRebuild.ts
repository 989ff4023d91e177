/**
 * Recomputes every "More on" list (after changing the plugin's options, or to heal). Idempotent, and safe while the
 * site serves reads: lists are replaced in batches, each in its own transaction.
 *
 *   npm run more-on:rebuild
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload } from 'payload'

import { rebuildMoreOn } from 'payload-plugin-more-on'
import { closeDatabasePool } from '../db/postgresAdapter'
import config from '../payload.config'

const payload = await getPayload({ config, disableOnInit: true })
try {
  const result = await rebuildMoreOn(payload, {
    onProgress: ({ done, total }) => console.log(`more-on: ${done} of ${total} lists rebuilt`),
  })
  console.log(`more-on: rebuilt ${result.sources} lists with ${result.links} links in ${result.seconds.toFixed(1)} s`)
} finally {
  const adapter = payload.db as unknown as PostgresAdapter
  await payload.destroy()
  await closeDatabasePool(adapter)
}
