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
import { AsyncLocalStorage } from 'node:async_hooks'
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
  /** Longest a statement of a reader's request (no credentials) may run (ms): a costly public query ends early. */
  readerStatementTimeoutMs: number
}

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  max: 10,
  connectionTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  idleInTransactionTimeoutMs: 60_000,
  readerStatementTimeoutMs: 2_000,
}

/** Connections kept for single queries whatever the transactions do: the rest may be held by transactions. */
const connectionsForQueries = (max: number) => Math.max(2, Math.ceil(max / 5))

export type BoundedPoolConfig = pg.PoolConfig & { readerStatementTimeoutMs?: number }

/** Connections kept for readers' requests, beside the pool's own (see BoundedPool). */
export const readerConnections = (max: number) => Math.max(2, Math.ceil(max / 2))

/** The node-postgres options for these settings. */
export function poolOptions(connectionString: string, settings: PoolSettings): BoundedPoolConfig {
  return {
    readerStatementTimeoutMs: settings.readerStatementTimeoutMs,
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
  new APIError(
    `${BUSY}: no connection was free within ${waitedMs / 1000} s. Try again in a moment.`,
    503,
    undefined,
    true,
  )

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

const readerRequests = new AsyncLocalStorage<true>()

/** Runs a reader's request: its single queries go to the readers' connections, whose statements end early. */
export const asReaderRequest = <T>(work: () => Promise<T>): Promise<T> => readerRequests.run(true, work)

/**
 * node-postgres' Pool with held connections bounded (see above), and a few connections of its own for readers'
 * requests: their statements run under a shorter `statement_timeout` (set when each connection opens, so it costs no
 * round trip), and however costly they are, they cannot take the connections that editors' saves need.
 */
export class BoundedPool extends pg.Pool {
  private readonly held: Places
  private readonly waitMs: number
  private readonly readers: pg.Pool

  constructor({ readerStatementTimeoutMs, ...config }: BoundedPoolConfig = {}) {
    super(config)
    const max = config.max ?? 10
    this.held = new Places(Math.max(1, max - connectionsForQueries(max)))
    this.waitMs = config.connectionTimeoutMillis || DEFAULT_POOL_SETTINGS.connectionTimeoutMs
    this.readers = new pg.Pool({
      ...config,
      max: readerConnections(max),
      statement_timeout: readerStatementTimeoutMs ?? DEFAULT_POOL_SETTINGS.readerStatementTimeoutMs,
      application_name: `${config.application_name ?? 'newsroom'}-readers`,
    })
    // An idle connection the server closed (a restart, a timeout) is dropped by the pool; the next query opens another.
    this.on('error', () => {})
    this.readers.on('error', () => {})
  }

  // Payload's reads outside a transaction are single queries; a transaction checks out with connect().
  query(...args: unknown[]): never {
    type Query = (...queryArgs: unknown[]) => never
    if (!readerRequests.getStore() || typeof args.at(-1) === 'function') return (super.query as Query).apply(this, args)
    // Readers waiting longer than the pool's timeout for one of their connections get the same 503 as a save would.
    return (this.readers.query as (...queryArgs: unknown[]) => Promise<unknown>)
      .apply(this.readers, args)
      .catch((error: unknown) => {
        throw error instanceof Error && error.message.includes('timeout exceeded when trying to connect')
          ? busy(this.waitMs)
          : error
      }) as never
  }

  async end(): Promise<void> {
    await Promise.all([super.end(), this.readers.ended ? undefined : this.readers.end()])
  }

  // Overloads as node-postgres declares them: a callback checks out for one query, a promise holds the connection.
  connect(): Promise<pg.PoolClient>
  connect(
    callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): void
  connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ) {
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
