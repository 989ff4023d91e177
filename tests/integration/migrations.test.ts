import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'

import { closeDatabasePool } from '../../src/db/postgresAdapter'
import { buildNewsroomConfig } from '../../src/newsroomConfig'
import { createTestDatabase } from '../helpers/database'

let payload: Payload

beforeAll(async () => {
  // Start as `npm run migrate` does: no schema push, then the committed migrations.
  process.env.PAYLOAD_MIGRATING = 'true'
  try {
    const config = buildNewsroomConfig({
      databaseURI: await createTestDatabase(),
      secret: 'migrations-test-secret',
      seedDemo: false,
      runScheduledJobs: false,
    })
    payload = await getPayload({ config })
  } finally {
    delete process.env.PAYLOAD_MIGRATING
  }
  await payload.db.migrate()
})
afterAll(async () => {
  const adapter = payload?.db as unknown as PostgresAdapter
  await payload?.destroy()
  if (adapter) await closeDatabasePool(adapter)
})

const NUMERIC_DEFAULT = /^ALTER TABLE "([^"]+)" ALTER COLUMN "([^"]+)" SET DEFAULT (\d+);$/

/**
 * drizzle-kit always re-proposes defaults on numeric columns; keep such a statement only if the default really differs.
 */
async function withoutNumericDefaultNoise(adapter: PostgresAdapter, statements: string[]): Promise<string[]> {
  const kept: string[] = []
  for (const statement of statements) {
    const match = NUMERIC_DEFAULT.exec(statement)
    if (match) {
      const { rows } = await adapter.pool.query<{ column_default: string | null }>(
        'SELECT column_default FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
        [match[1], match[2]],
      )
      if (rows[0]?.column_default?.replace(/'|::numeric/g, '') === match[3]) continue
    }
    kept.push(statement)
  }
  return kept
}

describe('committed migrations', () => {
  it('build exactly the declared schema (run `npm run migrate:create` after a schema change)', async () => {
    const adapter = payload.db as unknown as PostgresAdapter
    const { pushSchema } = adapter.requireDrizzleKit()
    const { statementsToExecute } = (await pushSchema(adapter.schema, adapter.drizzle as never)) as unknown as {
      statementsToExecute: string[]
    }
    expect(await withoutNumericDefaultNoise(adapter, statementsToExecute)).toEqual([])
  })

  it('leave a working newsroom', async () => {
    const section = await payload.create({ collection: 'sections', data: { name: 'Migrated' } })
    expect(section.slug).toBe('migrated')
  })
})
