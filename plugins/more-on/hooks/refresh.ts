import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { FollowUp, Lists } from '../lists'
import { requestDatabase } from '../store'
import type { ID, MoreOnContext, ResolvedMoreOnOptions } from '../types'

type Database = Awaited<ReturnType<typeof requestDatabase>>

export const REFRESH_TASK = 'moreOnRefresh'

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

export function moreOnContext(req: PayloadRequest): MoreOnContext {
  return ((req.context as { moreOn?: MoreOnContext }).moreOn ??= {})
}

/** Runs work that changes lists inside `db`'s transaction, under the writers' lock. */
async function run(lists: Lists, db: Database, payload: Payload, input: Exclude<RefreshInput, { all: true }>): Promise<FollowUp | undefined> {
  await lists.claim(db, payload, { changing: true })
  if ('tags' in input) {
    await lists.recomputeTagged(db, payload, input.tags)
  } else if ('ids' in input) {
    await lists.recompute(db, payload, input.ids)
  } else {
    return lists.applyChanges(db, payload, input.stories)
  }
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

export async function queueRefresh(req: PayloadRequest, options: ResolvedMoreOnOptions, input: RefreshInput, waitUntil?: Date) {
  await req.payload.jobs.queue({ task: REFRESH_TASK as never, queue: options.queue, input: input as never, waitUntil, req })
}

/** Hands what a change could not finish in the request (a rarity that moved) to the jobs queue. */
async function queueFollowUps(req: PayloadRequest, options: ResolvedMoreOnOptions, followUp: FollowUp | undefined) {
  if (followUp?.rebuildAll) {
    const { docs: waiting } = await req.payload.find({
      collection: 'payload-jobs',
      where: { taskSlug: { equals: REFRESH_TASK }, completedAt: { exists: false }, processing: { equals: false } },
      limit: 100,
      depth: 0,
      req,
      overrideAccess: true,
    })
    if (!waiting.some((job) => (job.input as { all?: boolean } | null)?.all)) await queueRefresh(req, options, { all: true })
  } else if (followUp?.crowdedTags.length) {
    await queueRefresh(req, options, { tags: followUp.crowdedTags })
  }
}

/**
 * Brings the stored lists up to date inside the request's transaction, behind a savepoint: if the plugin fails, only
 * its own work is rolled back, the editor's save goes through, the error is logged and the same work is queued.
 */
export function createRefresher(options: ResolvedMoreOnOptions, lists: Lists) {
  return async function refresh(req: PayloadRequest, input: Exclude<RefreshInput, { all: true }>): Promise<void> {
    const context = moreOnContext(req)
    if (context.recomputing) return
    context.recomputing = true
    try {
      const db = await requestDatabase(req)
      const followUp = await retryingConflicts(() => db.transaction((savepoint) => run(lists, savepoint, req.payload, input)))
      await queueFollowUps(req, options, followUp)
    } catch (error) {
      req.payload.logger.error({ err: error, msg: 'more-on: could not update the stored lists; a recompute is queued' })
      await queueRefresh(req, options, input)
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
export function refreshTask(options: ResolvedMoreOnOptions, lists: Lists): TaskConfig {
  let turn: Promise<unknown> = Promise.resolve()
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const result = turn.then(work, work)
    turn = result.catch(() => {})
    return result
  }
  return {
    slug: REFRESH_TASK as TaskConfig['slug'],
    label: 'More on: recompute lists',
    inputSchema: [
      { name: 'stories', type: 'json' },
      { name: 'ids', type: 'json' },
      { name: 'tags', type: 'json' },
      { name: 'all', type: 'checkbox' },
    ],
    retries: 3,
    handler: ({ input, req }) =>
      inTurn(async () => {
        const work = Object.fromEntries(Object.entries(input as object).filter(([, value]) => value !== null && value !== undefined && value !== false))
        if ((work as { all?: boolean }).all) {
          // A rebuild takes the lock batch by batch, each in a transaction of its own.
          await lists.rebuild(req.payload)
          return { output: {} }
        }
        const db = await requestDatabase(req)
        const followUp = await retryingConflicts(() => db.transaction((tx) => run(lists, tx, req.payload, work as Exclude<RefreshInput, { all: true }>)))
        await queueFollowUps(req, options, followUp)
        return { output: {} }
      }),
  }
}
