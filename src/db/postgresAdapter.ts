import { postgresAdapter, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { DatabaseAdapterObj } from 'payload'
import pg from 'pg'

import { asBusyAnswer, BoundedPool, poolOptions, type PoolSettings } from './pool'

export type DatabaseOptions = {
  uri: string
  pool: PoolSettings
  migrationDir: string
  /** Push the schema on start in development (false when migrations build it). */
  push?: boolean
}

/**
 * Payload's Postgres adapter on the app's pool (src/db/pool.ts). The pool is made here, before the adapter connects:
 * the adapter's own start-up checks one connection out of a pool it makes and never gives it back (and one more after
 * each lost connection), which would leave the pool a connection short for every database restart.
 */
export function newsroomDatabase({
  uri,
  pool,
  migrationDir,
  push,
}: DatabaseOptions): DatabaseAdapterObj<PostgresAdapter> {
  const options = poolOptions(uri, pool)
  const base = postgresAdapter({ pool: options, pg: { ...pg, Pool: BoundedPool } as never, migrationDir, push })
  return {
    ...base,
    init: (args) => {
      const adapter = base.init(args)
      const connect = adapter.connect!
      adapter.connect = async function (this: PostgresAdapter, connectOptions) {
        this.pool ??= new BoundedPool(options)
        return connect.call(this, connectOptions)
      }
      const beginTransaction = adapter.beginTransaction
      adapter.beginTransaction = async function (this: PostgresAdapter, transactionOptions) {
        try {
          return await beginTransaction.call(this, transactionOptions)
        } catch (error) {
          throw asBusyAnswer(error)
        }
      }
      return adapter
    },
  }
}

type PoolWithClients = PostgresAdapter['pool'] & { _clients?: Array<{ release?: () => void }> }

/**
 * Ends the adapter's pool, which Payload's destroy() leaves open. Clients still checked out (a pool the adapter made
 * itself keeps one for good; a transaction Payload never ended keeps another) would make `pool.end()` wait forever:
 * they are released.
 */
export async function closeDatabasePool(adapter: PostgresAdapter): Promise<void> {
  const pool = adapter.pool as PoolWithClients
  if (pool.ended) return
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
