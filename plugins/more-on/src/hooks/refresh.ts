import type { PayloadRequest, TaskConfig } from 'payload'

import { notePendingWork } from '../db/counts.js'
import { storeFor, type Store } from '../db/store.js'
import type { Instance } from '../instance.js'
import { reportChangedLists } from '../listsChanged.js'
import type { ID, MoreOnContext } from '../types.js'
import { applyChanges, claim, rebuild, recompute, recomputeTagged, type FollowUp } from '../upkeep.js'

/** Work on the stored lists, in a form a queued job can carry. */
export type RefreshInput =
  /** Stories that were created, changed or deleted (what they were is read from the plugin's index). */
  | { stories: ID[] }
  /** Exactly these lists. */
  | { ids: ID[] }
  /** The lists of every story carrying these tags. */
  | { tags: ID[] }
  /** Every list (jobs only: a rebuild commits batch by batch). */
  | { all: true }

type Work = Exclude<RefreshInput, { all: true }>

/** This instance's part of `req.context` (two instances on one request keep theirs apart). */
export function moreOnContext(req: PayloadRequest, instance: Instance): MoreOnContext {
  const all = ((req.context as { moreOn?: Record<string, MoreOnContext> }).moreOn ??= {})
  return (all[instance.slugs.recommendations] ??= {})
}

/**
 * Runs work that changes lists inside the store's transaction, under the writers' lock; while a rebuild is under
 * way, notes the work for it to apply again once it swaps its tables in.
 */
async function run(store: Store, input: Work, held: boolean): Promise<FollowUp | undefined> {
  const rebuilding = await claim(store, { changing: true, held })
  if (rebuilding) await notePendingWork(store, input)
  if ('tags' in input) await recomputeTagged(store, input.tags)
  else if ('ids' in input) await recompute(store, input.ids)
  else return applyChanges(store, input.stories)
  return undefined
}

const RETRIED_CODES = new Set([
  '40P01', // deadlock_detected
  '40001', // serialization_failure
])
const errorCode = (error: unknown): string | undefined => {
  const { code, cause } = (error ?? {}) as { code?: unknown; cause?: unknown }
  return typeof code === 'string' ? code : cause ? errorCode(cause) : undefined
}

/**
 * Runs `attempt` again (up to three times in all, after a short random pause) when Postgres broke a deadlock or a
 * serialisation conflict by failing it. Each attempt runs in a savepoint of its own: a failed one leaves nothing.
 */
export async function retryingConflicts<T>(attempt: () => Promise<T>, attempts = 3): Promise<T> {
  for (let tried = 1; ; tried++) {
    try {
      return await attempt()
    } catch (error) {
      if (tried >= attempts || !RETRIED_CODES.has(errorCode(error) ?? '')) throw error
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 80 * tried))
    }
  }
}

/**
 * Runs `work` in a transaction (a savepoint inside the request's, which may hold the writers' lock already), retrying
 * conflicts; says which lists changed.
 */
const inTransaction = async (store: Store, work: Work, held = false) =>
  retryingConflicts(() =>
    store.db.transaction(async (tx) => {
      const attempt = store.on(tx)
      const followUp = await run(attempt, work, held)
      return { followUp, changedLists: attempt.changedLists }
    }),
  )

/**
 * The writers' lock, before an operation that may change lists; its request's transaction (if it has one) then holds
 * it until it ends, and its refresh does not ask again.
 */
export async function lockForOperation(req: PayloadRequest, instance: Instance) {
  await claim(await storeFor(req, instance), { changing: false })
  const transaction = await req.transactionID
  if (transaction !== undefined) moreOnContext(req, instance).lockedIn = transaction
}

export async function queueRefresh(req: PayloadRequest, instance: Instance, input: RefreshInput, waitUntil?: Date) {
  await req.payload.jobs.queue({
    task: instance.slugs.task as never,
    queue: instance.options.queue,
    input: input as never,
    waitUntil,
    req,
  })
}

/** Hands what a change could not finish in the request (a rarity that moved) to the jobs queue. */
async function queueFollowUps(req: PayloadRequest, instance: Instance, followUp: FollowUp | undefined) {
  if (followUp?.rebuildAll) {
    const { docs: waiting } = await req.payload.find({
      collection: 'payload-jobs',
      where: {
        taskSlug: { equals: instance.slugs.task },
        completedAt: { exists: false },
        processing: { equals: false },
      },
      limit: 100,
      depth: 0,
      req,
      overrideAccess: true,
    })
    if (!waiting.some((job) => (job.input as { all?: boolean } | null)?.all))
      await queueRefresh(req, instance, { all: true })
  } else if (followUp?.crowdedTags.length) {
    await queueRefresh(req, instance, { tags: followUp.crowdedTags })
  }
}

/**
 * Brings the stored lists up to date inside the request's transaction, behind a savepoint: if the plugin fails, only
 * its own work is rolled back, the editor's save goes through, the error is logged and the same work is queued.
 */
export function createRefresher(instance: Instance) {
  return async function refresh(req: PayloadRequest, input: Work): Promise<void> {
    const context = moreOnContext(req, instance)
    if (context.recomputing) return
    context.recomputing = true
    try {
      const transaction = await req.transactionID
      const held = transaction !== undefined && context.lockedIn === transaction
      const { followUp, changedLists } = await inTransaction(await storeFor(req, instance), input, held)
      req.payload.logger.debug({ msg: 'more-on: recomputed the lists a change touches', input })
      await queueFollowUps(req, instance, followUp)
      await reportChangedLists(req, instance, changedLists)
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'more-on: could not update the stored lists; a recompute is queued' })
      await queueRefresh(req, instance, input)
    } finally {
      context.recomputing = false
    }
  }
}

export type Refresh = ReturnType<typeof createRefresher>

/**
 * The queued work: retries after a failure, scheduled stories going live, and rarities that moved. A job runner may
 * start many jobs at once; these take turns in the process before they open a transaction, since they would only
 * wait for the writers' lock inside it, each holding a database connection the site needs meanwhile.
 */
export function refreshTask(instance: Instance): TaskConfig {
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work)
    turn = result.catch(() => {})
    return result
  }
  return {
    slug: instance.slugs.task as TaskConfig['slug'],
    label: `More on (${instance.slugs.recommendations}): recompute lists`,
    inputSchema: [
      { name: 'stories', type: 'json' },
      { name: 'ids', type: 'json' },
      { name: 'tags', type: 'json' },
      { name: 'all', type: 'checkbox' },
    ],
    retries: 3,
    handler: ({ input, req }) =>
      inTurn(async () => {
        const work = Object.fromEntries(
          Object.entries(input as object).filter(
            ([, value]) => value !== null && value !== undefined && value !== false,
          ),
        )
        if ((work as { all?: boolean }).all) {
          // A rebuild takes the lock batch by batch, each in a transaction of its own.
          await rebuild(req.payload, instance)
          return { output: {} }
        }
        const { followUp, changedLists } = await inTransaction(await storeFor(req, instance), work as Work)
        await queueFollowUps(req, instance, followUp)
        await reportChangedLists(req, instance, changedLists)
        return { output: {} }
      }),
  }
}
