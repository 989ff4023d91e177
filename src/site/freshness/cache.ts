import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { createLocalReq, type Payload, type PayloadRequest } from 'payload'

import { transactionDatabase } from '../../../plugins/shared/transactionDatabase'
import { readVersions } from './db'

/** What a page's content loader returns: the content, the freshness keys it depends on, and when time alone ends it. */
export type Loaded<T> = {
  value: T
  dependsOn: readonly string[]
  /**
   * When the content changes without any write (a story whose publish time comes, a discussion that closes by
   * itself), on this server's clock: the one the public read rule compares publish times with.
   */
  validUntil?: number
}

type Entry = { value: unknown; versions: Map<string, number>; validUntil: number | undefined }

const MAX_ENTRIES = 2000
/** Per Payload instance (an app has one; a test process may run several on their own databases). */
const entriesOf = new WeakMap<Payload, Map<string, Entry>>()

async function inSnapshot<T>(req: PayloadRequest, work: () => Promise<T>): Promise<T> {
  const { db } = req.payload
  const id = await db.beginTransaction({ isolationLevel: 'repeatable read', accessMode: 'read only' })
  if (id === null) return work()
  req.transactionID = id
  try {
    const result = await work()
    await db.commitTransaction(id)
    return result
  } catch (error) {
    await db.rollbackTransaction(id)
    throw error
  } finally {
    delete req.transactionID
  }
}

/**
 * A page's content, read with the public's access: from this instance's memory while nothing it depends on has
 * changed, else loaded afresh.
 *
 * A hit costs one indexed read of the versions of the keys the entry depends on. A miss loads the content and reads
 * those versions in one repeatable-read snapshot, so the versions kept are exactly those of the content read: a
 * change that commits a moment later has a newer version, and the next request loads again. Writers bump a version
 * in the transaction of the change itself (freshness/hooks.ts), or right after it commits (the "More on" lists),
 * never before, so no entry outlives what it shows. Memory is per instance; the versions are shared by all.
 */
export async function cachedContent<T>(
  payload: Payload,
  key: string,
  load: (req: PayloadRequest) => Promise<Loaded<T>>,
): Promise<T> {
  const entries = entriesOf.get(payload) ?? entriesOf.set(payload, new Map()).get(payload)!
  const entry = entries.get(key)
  if (entry && (entry.validUntil === undefined || Date.now() < entry.validUntil)) {
    // A hit needs no request: one statement on the pool.
    const current = await readVersions((payload.db as unknown as PostgresAdapter).drizzle, [...entry.versions.keys()])
    if ([...entry.versions].every(([name, version]) => current.get(name) === version)) {
      entries.delete(key)
      entries.set(key, entry)
      return entry.value as T
    }
  }
  const req = await createLocalReq({}, payload)
  const { loaded, versions } = await inSnapshot(req, async () => {
    const loaded = await load(req)
    return { loaded, versions: await readVersions(await transactionDatabase(req), loaded.dependsOn) }
  })
  entries.delete(key)
  entries.set(key, { value: loaded.value, versions, validUntil: loaded.validUntil })
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!)
  return loaded.value
}
