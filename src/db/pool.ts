/**
 * The app's Postgres connection pool: node-postgres' own, with a bound on the connections transactions may hold, so
 * that a save always finds a connection for the queries Payload runs outside its transaction, and with timeouts
 * everywhere, so that a stuck request fails with a clear error instead of waiting for ever.
 *
 * Why the bound: a save holds one pooled connection for its transaction, and Payload also asks the pool for a second
 * one during it (the document-lock check reads outside the transaction). With as many saves at once as the pool has
 * connections, each holds one and waits for another: nothing moves again. node-postgres checks a connection out in two
 * ways: with a callback for one query (`pool.query`, released as soon as it answers), or as a promise to hold it
 * (transactions). Only the second kind is bounded here; the rest of the pool stays free for single queries.
 */
import pg from 'pg'
import { APIError } from 'payload'


export type PoolSettings = {
  /** Connections in the pool. */
  max: number
  /** How long a request waits for a connection before it fails (ms). */
  connectionTimeoutMs: number
  /** Longest a single statement may run, lock waits included (ms). */
  statementTimeoutMs: number
  /** A transaction left idle this long is ended by Postgres, and its connection returns to the pool (ms). */
  idleInTransactionTimeoutMs: number
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  max: 10,
  connectionTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
}

/** Connections kept for single queries whatever the transactions do: the rest may be held by transactions. */
export const connectionsForQueries = (max: number) => Math.max(2, Math.ceil(max / 5))

/** The node-postgres options for these settings. */
export function poolOptions(connectionString: string, settings: PoolSettings): pg.PoolConfig {
  return {
    connectionString,
    max: settings.max,
    connectionTimeoutMillis: settings.connectionTimeoutMs,
    idleTimeoutMillis: 30_000,
    statement_timeout: settings.statementTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    application_name: 'newsroom',
  }
}

const BUSY = 'The database is busy'

const busy = (waitedMs: number) =>
  new APIError(`${BUSY}: no connection was free within ${waitedMs / 1000} s. Try again in a moment.`, 503, undefined, true)

/**
 * The same answer again for an error that reports a busy pool in its message: Payload's adapter rethrows the errors
 * of a transaction's start as plain errors, whose message keeps ours.
 */
export const asBusyAnswer = (error: unknown): unknown => {
  const message = error instanceof Error ? error.message : ''
  return message.includes(BUSY) ? new APIError(message.slice(message.indexOf(BUSY)), 503, undefined, true) : error
}

/** A first-come, first-served count of places, each wait bounded in time. */
class Places {
  private free: number
  private readonly waiting: Array<{ grant: () => void }> = []

  constructor(count: number) {
    this.free = count
  }

  take(timeoutMs: number): Promise<void> {
    if (this.free > 0 && this.waiting.length === 0) {
      this.free--
      return Promise.resolve()
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          clearTimeout(timer)
          resolve()
        },
      }
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(entry), 1)
        reject(busy(timeoutMs))
      }, timeoutMs)
      this.waiting.push(entry)
    })
  }

  give() {
    const next = this.waiting.shift()
    if (next) next.grant()
    else this.free++
  }
}

/** node-postgres' Pool with held connections bounded (see above). */
export class BoundedPool extends pg.Pool {
  private readonly held: Places
  private readonly waitMs: number

  constructor(config: pg.PoolConfig = {}) {
    super(config)
    const max = config.max ?? 10
    this.held = new Places(Math.max(1, max - connectionsForQueries(max)))
    this.waitMs = config.connectionTimeoutMillis || DEFAULT_POOL_SETTINGS.connectionTimeoutMs
    // An idle connection the server closed (a restart, a timeout) is dropped by the pool; the next query opens another.
    this.on('error', () => {})
  }

  // Overloads as node-postgres declares them: a callback checks out for one query, a promise holds the connection.
  connect(): Promise<pg.PoolClient>
  connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void
  connect(callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect(callback as never)
    return this.hold()
  }

  private async hold(): Promise<pg.PoolClient> {
    await this.held.take(this.waitMs)
    let client: pg.PoolClient
    try {
      client = await super.connect()
    } catch (error) {
      this.held.give()
      throw error
    }
    const release = client.release
    let released = false
    // A held connection that dies (the server restarted, or ended an idle transaction) goes back at once, so its
    // place is free again; whoever held it sees its own query fail.
    const onError = (error: Error) => client.release(error)
    client.on('error', onError)
    client.release = (error?: Error | boolean) => {
      if (released) return
      released = true
      client.off('error', onError)
      this.held.give()
      release(error)
    }
    return client
  }
}
