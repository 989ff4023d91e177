import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterOperationHook,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionSlug,
  PayloadRequest,
} from 'payload'
import { ValidationError } from 'payload'

import type { Lists } from '../lists'
import { requestDatabase } from '../store'
import type { ID, ResolvedMoreOnOptions } from '../types'
import { moreOnContext, queueRefresh, type Refresh } from './refresh'

export const relationIds = (value: unknown): ID[] =>
  Array.isArray(value)
    ? value
        .map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : item))
        .filter((id): id is number | string => typeof id === 'number' || (typeof id === 'string' && id !== ''))
        .map(Number)
    : []

const WRITES = new Set(['create', 'update', 'delete', 'restoreVersion'])

/**
 * Before a create, update or delete of stories: the writers' lock, taken before Payload reads the documents it is
 * about to change. A save that waited for another therefore reads what that one committed, never what it replaced,
 * and the plugin's index still says what every story was before this operation.
 */
export function lockBeforeWrite(lists: Lists): CollectionBeforeOperationHook {
  return async ({ args, operation, req }) => {
    if (WRITES.has(operation)) await lists.claim(await requestDatabase(req), req.payload, { changing: false })
    return args
  }
}

const noteChanged = (req: PayloadRequest, id: unknown) => (moreOnContext(req).pendingStories ??= []).push(Number(id))

/** After a save: the story joins the operation's work; a scheduled story is also queued for when it goes live. */
export function recordAfterChange(options: ResolvedMoreOnOptions): CollectionAfterChangeHook {
  return async ({ doc, req }) => {
    noteChanged(req, doc.id)
    const publishedAt = Date.parse(doc[options.publishedAtField] ?? '')
    if (doc._status !== 'draft' && publishedAt > Date.now()) {
      // A scheduled story goes live without a save: link it then.
      await queueRefresh(req, options, { stories: [Number(doc.id)] }, new Date(publishedAt + 1000))
    }
    return doc
  }
}

/** After a delete: the story joins the operation's work, to leave every list. */
export const recordAfterDelete: CollectionAfterDeleteHook = ({ id, req }) => noteChanged(req, id)

/**
 * Once an operation is done (one story, or every story of a bulk publish, unpublish or delete, which Payload handles
 * side by side), every list it touches is brought up to date in one go, still inside its transaction.
 */
export function refreshAfterOperation(refresh: Refresh): CollectionAfterOperationHook {
  return async ({ req, result }) => {
    const context = moreOnContext(req)
    const stories = context.pendingStories
    context.pendingStories = undefined
    if (stories?.length) await refresh(req, { stories })
    return result
  }
}

/** Editors' controls: a story cannot pin itself, nor a story readers cannot see. */
export function validateControls(options: ResolvedMoreOnOptions): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    const pinned = relationIds((data.moreOn as { pinned?: unknown } | undefined)?.pinned)
    if (pinned.length === 0) return data
    const fail = (message: string): never => {
      throw new ValidationError({ collection: options.collection, errors: [{ path: 'moreOn.pinned', message }] })
    }
    if (originalDoc?.id !== undefined && pinned.includes(Number(originalDoc.id))) fail('A story cannot be pinned to itself')
    const { docs } = await req.payload.find({
      collection: options.collection as CollectionSlug,
      where: { id: { in: pinned } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const now = Date.now()
    for (const id of pinned) {
      const story = (docs.find((doc) => Number(doc.id) === id) as Record<string, unknown> | undefined) ?? fail(`Pinned story ${id} does not exist`)
      const label = `"${String(story.title ?? story.id)}"`
      if (story._status === 'draft') fail(`Only published stories can be pinned: ${label} is a draft`)
      if (!(Date.parse(String(story[options.publishedAtField] ?? '')) <= now)) fail(`Only published stories can be pinned: ${label} is not live yet`)
    }
    return data
  }
}
