import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'

import { closeDatabasePool } from '../src/db/postgresAdapter'
import { buildNewsroomConfig } from '../src/newsroomConfig'

/**
 * The newsroom on the benchmark's database, with the more-on plugin or without it; the schema comes from migrations.
 */
export function benchConfig(databaseURI: string, { plugin }: { plugin: boolean }) {
  return buildNewsroomConfig({
    databaseURI,
    secret: 'newsroom-benchmark',
    seedDemo: false,
    runScheduledJobs: false,
    schemaPush: false,
    moreOn: plugin ? {} : { enabled: false },
  })
}

/** The instance with the plugin is the one Payload's route handlers find for its config (the default key). */
export async function startBenchNewsroom(databaseURI: string, { plugin }: { plugin: boolean }) {
  const config = benchConfig(databaseURI, { plugin })
  return { config, payload: await getPayload({ config, key: plugin ? undefined : 'bench-without-more-on' }) }
}

export async function stopBenchNewsroom(payload: Payload): Promise<void> {
  const adapter = payload.db as unknown as PostgresAdapter
  await payload.destroy()
  await closeDatabasePool(adapter)
}
