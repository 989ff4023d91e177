import pg from 'pg'

import { migrations } from '../migrations'

export type SchemaState =
  { ready: true } | { ready: false; reason: 'no-schema' | 'pushed-in-development' | 'behind'; missing: string[] }

/**
 * Whether the database has every committed migration applied (production never pushes a schema). Read once at start.
 */
export async function schemaState(uri: string): Promise<SchemaState> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    const { rows: tables } = await client.query(`SELECT to_regclass('public.payload_migrations') AS name`)
    if (!tables[0]?.name) return { ready: false, reason: 'no-schema', missing: migrations.map(({ name }) => name) }
    const { rows } = await client.query<{ name: string; batch: number | null }>(
      'SELECT name, batch FROM payload_migrations',
    )
    const applied = new Set(rows.filter((row) => Number(row.batch) > 0).map((row) => row.name))
    const missing = migrations.map(({ name }) => name).filter((name) => !applied.has(name))
    if (missing.length === 0) return { ready: true }
    const pushed = rows.some((row) => Number(row.batch) === -1)
    return { ready: false, reason: pushed && applied.size === 0 ? 'pushed-in-development' : 'behind', missing }
  } finally {
    await client.end()
  }
}

/** What the operator reads when production refuses to start. */
export function schemaRefusal(state: Exclude<SchemaState, { ready: true }>): string {
  const steps = 'Run `npm run migrate`, then `npm start` again.'
  switch (state.reason) {
    case 'no-schema':
      return `The database has no schema yet. ${steps}`
    case 'pushed-in-development':
      return (
        'The database was set up by `npm run dev`, which pushes the schema instead of migrating it. ' +
        'Production runs on ' +
        'the committed migrations: point DATABASE_URI (or EMBEDDED_POSTGRES_DIR) at a database of its own, then run ' +
        '`npm run migrate` and `npm start`.'
      )
    case 'behind':
      return `The database is missing ${state.missing.length} migration(s): ${state.missing.join(', ')}. ${steps}`
  }
}
