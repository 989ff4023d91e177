import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { PayloadRequest } from 'payload'

/** The drizzle connection of the request's open transaction, or the adapter's pool when there is none. */
export async function transactionDatabase(req: PayloadRequest) {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = await req.transactionID
  return (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
}
