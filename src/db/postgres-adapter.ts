import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

/** The drizzle connection of the request's open transaction, or the adapter's pool when there is none. */
export async function transactionDatabase(req: PayloadRequest) {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = await req.transactionID
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}

type PoolWithClients = PostgresAdapter['pool'] & { _clients?: Array<{ release?: () => void }> }

/**
 * Ends the adapter's pool. Payload's destroy() leaves it open, and the adapter keeps one client checked out for good,
 * which `pool.end()` alone would wait for forever.
 */
export async function closeDatabasePool(adapter: PostgresAdapter): Promise<void> {
  const pool = adapter.pool as PoolWithClients
  pool.on('error', () => {})
  const ending = pool.end()
  for (const client of pool._clients ?? []) {
    try {
      client.release?.()
    } catch {
      // already idle
    }
  }
  await ending
}
