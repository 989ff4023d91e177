import type { Payload, PayloadRequest, TaskConfig } from 'payload'

import type { Lists } from '../lists'
import { requestDatabase } from '../store'
import type { ID, MoreOnContext, ResolvedMoreOnOptions } from '../types'

type Database = Awaited<ReturnType<typeof requestDatabase>>

export const REFRESH_TASK = 'moreOnRefresh'

export type RefreshInput = {
  ids: ID[]
  /** Tags the stories had before the change (lists around them may lose a story). */
  previousTags?: ID[]
  /** Recompute exactly these lists, without looking for the lists around them. */
  exact?: boolean
}

export function moreOnContext(req: PayloadRequest): MoreOnContext {
  return ((req.context as { moreOn?: MoreOnContext }).moreOn ??= {})
}

async function recomputeFor(lists: Lists, db: Database, payload: Payload, { ids, previousTags, exact }: RefreshInput) {
  await lists.recompute(db, payload, exact ? ids : await lists.affectedBy(db, payload, ids, previousTags))
}

/**
 * Brings the lists around these stories up to date inside the request's transaction, behind a savepoint: if the
 * plugin fails, only its own work is rolled back, the editor's save goes through, the error is logged and a job is
 * queued to try again.
 */
export function createRefresher(options: ResolvedMoreOnOptions, lists: Lists) {
  return async function refresh(req: PayloadRequest, input: RefreshInput, work?: (db: Database) => Promise<void>) {
    const context = moreOnContext(req)
    if (context.recomputing) return
    context.recomputing = true
    try {
      const db = await requestDatabase(req)
      await db.transaction(async (savepoint) => {
        if (work) await work(savepoint)
        await recomputeFor(lists, savepoint, req.payload, input)
      })
    } catch (error) {
      req.payload.logger.error({ err: error, msg: `more-on: could not update the lists around ${input.ids.join(', ')}; a recompute is queued` })
      await req.payload.jobs.queue({ task: REFRESH_TASK as never, queue: options.queue, input: input as never, req })
    } finally {
      context.recomputing = false
    }
  }
}

export type Refresh = ReturnType<typeof createRefresher>

/** The queued recompute: after a failure, and when a scheduled story goes live. */
export function refreshTask(lists: Lists): TaskConfig {
  return {
    slug: REFRESH_TASK as TaskConfig['slug'],
    label: 'More on: recompute lists',
    inputSchema: [
      { name: 'ids', type: 'json', required: true },
      { name: 'previousTags', type: 'json' },
      { name: 'exact', type: 'checkbox' },
    ],
    retries: 3,
    handler: async ({ input, req }) => {
      const db = await requestDatabase(req)
      await db.transaction((tx) => recomputeFor(lists, tx, req.payload, input as unknown as RefreshInput))
      return { output: {} }
    },
  }
}
