/**
 * The plugin's access to Postgres: the connection (a request's transaction, or the pool) and the names of the tables
 * and columns it works on, bound together once per request. Every SQL statement of the plugin is in this folder, one
 * module per table; nothing here writes to the stories themselves.
 */
import { sql, type PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, PayloadRequest } from 'payload'

import type { ID, StoredStory } from '../types.js'
import { resolveNames, type StoreNames } from './names.js'
import type { Instance } from '../instance.js'

export type Database = Pick<PostgresAdapter['drizzle'], 'execute' | 'transaction'>
export type SQL = ReturnType<typeof sql>

export const name = (identifier: string) => sql.identifier(identifier)

/** A Postgres array literal, as one parameter (drizzle would spread a JS array into a list of parameters). */
const arrayElement = (value: number | string) =>
  typeof value === 'number' ? String(value) : `"${String(value).replace(/(["\\])/g, '\\$1')}"`
const arrayLiteral = (values: readonly (number | string)[]) => `{${values.map(arrayElement).join(',')}}`

export class Store {
  /** The sources whose stored list this store's writes changed (what a reader sees: targets, order, origin). */
  readonly changedLists = new Set<ID>()

  /**
   * The stories (null: not there) and tag kinds this store has read, each read once. A store that changes lists
   * lives for one transaction, which takes the writers' lock before it reads any; stories and tags change only under
   * that lock, so what it read holds until the transaction ends (the plugin writes neither).
   */
  readonly storiesRead = new Map<ID, StoredStory | null>()
  readonly kindsRead = new Map<ID, string | null>()

  constructor(
    readonly db: Database,
    readonly names: StoreNames,
    readonly instance: Instance,
  ) {}

  /** The same names on another connection (a transaction of its own), with changes counted afresh. */
  on(db: Database): Store {
    return new Store(db, this.names, this.instance)
  }

  async rows<T>(query: SQL): Promise<T[]> {
    return (await this.db.execute(query)).rows as T[]
  }

  /** Document ids (stories, tags) as one array parameter of the id column's type. */
  ids(values: readonly ID[]): SQL {
    return this.instance.idKind === 'number'
      ? sql`${arrayLiteral(values.map((value) => Math.trunc(Number(value))))}::int[]`
      : sql`${arrayLiteral(values.map(String))}::uuid[]`
  }

  /** Ids as the plugin's own tables hold them (numbers, or text for uuids), as one array parameter. */
  keys(values: readonly ID[]): SQL {
    return this.instance.idKind === 'number'
      ? sql`${arrayLiteral(values.map((value) => Math.trunc(Number(value))))}::int[]`
      : sql`${arrayLiteral(values.map(String))}::text[]`
  }

  /** A timestamp per value, as one array parameter. */
  times(values: readonly number[]): SQL {
    return sql`${arrayLiteral(values.map((value) => new Date(value).toISOString()))}::timestamptz[]`
  }

  /** Text values, as one array parameter. */
  texts(values: readonly string[]): SQL {
    return sql`${arrayLiteral(values)}::text[]`
  }

  /** Numbers (any, as JavaScript holds them: they read back exactly), as one array parameter. */
  floats(values: readonly number[]): SQL {
    return sql`${arrayLiteral(values)}::double precision[]`
  }

  /** JSON values (already serialised), as one array parameter. */
  jsons(values: readonly string[]): SQL {
    return sql`${arrayLiteral(values)}::jsonb[]`
  }

  /** Whole numbers, as one array parameter. */
  numbers(values: readonly number[]): SQL {
    return sql`${arrayLiteral(values.map((value) => Math.trunc(value)))}::int[]`
  }

  /** The SQL type of document ids. */
  get idType(): SQL {
    return sql.raw(this.instance.idKind === 'number' ? 'int' : 'uuid')
  }

  /** An id read back from Postgres, as the plugin holds ids. */
  id(value: unknown): ID {
    return this.instance.idKind === 'number' ? Number(value) : String(value)
  }
}

const namesByAdapter = new WeakMap<object, Map<string, StoreNames>>()

/** The names of one plugin instance's tables on this adapter (read once from the schema Payload built). */
function namesFor(payload: Payload, instance: Instance): StoreNames {
  const adapter = payload.db as unknown as PostgresAdapter
  const byInstance = namesByAdapter.get(adapter) ?? namesByAdapter.set(adapter, new Map()).get(adapter)!
  const key = instance.slugs.recommendations
  if (!byInstance.has(key)) byInstance.set(key, resolveNames(adapter, instance))
  return byInstance.get(key)!
}

/**
 * The store of a request: inside its transaction when it has one, so the plugin's writes commit or roll back with it.
 */
export async function storeFor(req: PayloadRequest, instance: Instance): Promise<Store> {
  const adapter = req.payload.db as unknown as PostgresAdapter
  const id = await req.transactionID
  const db = (id !== undefined && adapter.sessions?.[String(id)]?.db) || adapter.drizzle
  return new Store(db as Database, namesFor(req.payload, instance), instance)
}

/** The store on the adapter's pool (rebuilds, which open transactions of their own). */
export function poolStore(payload: Payload, instance: Instance): Store {
  return new Store(
    (payload.db as unknown as PostgresAdapter).drizzle as Database,
    namesFor(payload, instance),
    instance,
  )
}
