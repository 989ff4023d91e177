import { randomUUID } from 'node:crypto'

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
      adapter.beginTransaction = beginTransaction
      adapter.commitTransaction = commitTransaction
      return adapter
    },
  }
}

type Transaction = PostgresAdapter['sessions'][string]['db']

/**
 * Payload's transaction, with its outcome kept. Payload's own begin catches what the transaction's promise ends with,
 * and its commit then ignores a COMMIT that failed (the database restarting, the connection lost as it was sent): the
 * request was answered as a success and the write was never stored, an acknowledged write lost. Here the session's
 * `resolve` gives the outcome of the COMMIT, and `commitTransaction` lets a failed one fail the request.
 */
async function beginTransaction(
  this: PostgresAdapter,
  transactionOptions?: Parameters<PostgresAdapter['beginTransaction']>[0],
): Promise<string> {
  try {
    await this.initializing
    let end!: { commit: () => void; rollBack: (reason: unknown) => void }
    let outcome!: Promise<void>
    const db = await new Promise<Transaction>((ready, failed) => {
      outcome = this.drizzle.transaction(
        (tx) =>
          new Promise<void>((commit, rollBack) => {
            end = { commit, rollBack }
            ready(tx as Transaction)
          }),
        (transactionOptions || this.transactionOptions || undefined) as never,
      )
      // Before the transaction's callback runs, a failure means it never began.
      outcome.catch(failed)
    })
    const id = randomUUID()
    this.sessions[id] = {
      db,
      resolve: () => {
        end.commit()
        return outcome
      },
      reject: () => {
        end.rollBack(new Error('rolled back'))
        return outcome.catch(() => {})
      },
    }
    return id
  } catch (error) {
    throw asBusyAnswer(error)
  }
}

/** Ends a transaction with COMMIT; a COMMIT that failed is an error, so the write is not answered as stored. */
async function commitTransaction(
  this: PostgresAdapter,
  incomingID: Parameters<PostgresAdapter['commitTransaction']>[0],
) {
  const id = String(await incomingID)
  const session = this.sessions[id]
  // Ended already: another operation of the same request committed or rolled it back.
  if (!session) return
  delete this.sessions[id]
  await session.resolve()
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
