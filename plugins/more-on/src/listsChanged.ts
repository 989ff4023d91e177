/**
 * `onListsChanged`: tells the site which stored lists changed, once the change is committed and a reader can see it.
 *
 * Payload has no hook after a commit, and a request's writes commit only when its outermost operation ends (a nested
 * save's afterOperation still runs inside it). So the adapter's commit is wrapped, once per adapter: callbacks wait
 * under their transaction's id and run after that transaction commits; a rollback drops them.
 */
import type { Payload, PayloadRequest } from 'payload'

import type { Instance } from './instance.js'
import type { ID } from './types.js'

type TransactionID = number | string
type Adapter = Payload['db'] & { [waitingKey]?: Map<TransactionID, (() => Promise<void>)[]> }

const waitingKey = Symbol.for('payload-plugin-more-on.afterCommit')

function waitingOn(adapter: Adapter): Map<TransactionID, (() => Promise<void>)[]> {
  const existing = adapter[waitingKey]
  if (existing) return existing
  const waiting = new Map<TransactionID, (() => Promise<void>)[]>()
  adapter[waitingKey] = waiting
  const commit = adapter.commitTransaction.bind(adapter)
  const rollback = adapter.rollbackTransaction.bind(adapter)
  adapter.commitTransaction = async (id) => {
    const key = await id
    const callbacks = waiting.get(key) ?? []
    waiting.delete(key)
    // An adapter whose COMMIT can fail throws here: then nothing changed, and nothing is reported.
    await commit(key)
    for (const callback of callbacks) await callback()
  }
  adapter.rollbackTransaction = async (id) => {
    const key = await id
    waiting.delete(key)
    return rollback(key)
  }
  return waiting
}

/** Runs `callback` once the request's transaction commits (at once when the request has none). */
async function whenCommitted(req: PayloadRequest, callback: () => Promise<void>): Promise<void> {
  const id = await req.transactionID
  if (id === undefined || id === null) return callback()
  const waiting = waitingOn(req.payload.db as Adapter)
  waiting.set(id, [...(waiting.get(id) ?? []), callback])
}

/**
 * Hands `sourceIds` to the `onListsChanged` option after `req`'s transaction commits. A failing callback is logged:
 * the lists are already stored, and nothing the site does can undo the save.
 */
export async function reportChangedLists(req: PayloadRequest, instance: Instance, sourceIds: Iterable<ID>) {
  const { onListsChanged } = instance.options
  const ids = [...new Set(sourceIds)]
  if (!onListsChanged || ids.length === 0) return
  await whenCommitted(req, async () => {
    try {
      // The request as it was, but past its transaction: a Local API call made with it runs on its own.
      await onListsChanged(ids, Object.assign(Object.create(req) as PayloadRequest, { transactionID: undefined }))
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'more-on: onListsChanged failed' })
    }
  })
}
