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

import { sameId } from '../core/ids.js'
import { isLive, isPublished, liveWhere } from '../core/liveness.js'
import type { Instance } from '../instance.js'
import type { ID } from '../types.js'
import { lockForOperation, moreOnContext, queueRefresh, type Refresh } from './refresh.js'

const WRITES = new Set(['create', 'update', 'delete', 'restoreVersion'])

/**
 * Before a create, update or delete of stories: the writers' lock, taken before Payload reads the documents it is
 * about to change. A save that waited for another therefore reads what that one committed, never what it replaced,
 * and the plugin's index still says what every story was before this operation.
 */
export function lockBeforeWrite(instance: Instance): CollectionBeforeOperationHook {
  return async ({ args, operation, req }) => {
    if (WRITES.has(operation)) await lockForOperation(req, instance)
    return args
  }
}

const noteChanged = (req: PayloadRequest, instance: Instance, id: unknown) => {
  const story = instance.toId(id)
  if (story !== undefined) (moreOnContext(req, instance).pendingStories ??= []).push(story)
}

/**
 * After a save: the story joins the operation's work; a story scheduled for later is also queued for when it goes
 * live; a published story without a date is placed at its creation time, and the log says so.
 */
export function recordAfterChange(instance: Instance): CollectionAfterChangeHook {
  const { publishedAtField } = instance.options
  return async ({ doc, req }) => {
    noteChanged(req, instance, doc.id)
    if (!isPublished(doc, instance.liveness)) return doc
    if (!doc[publishedAtField]) {
      req.payload.logger.warn(
        `more-on: ${instance.slugs.stories} ${doc.id} is published without a ${publishedAtField}; ` +
          'it is linked as of its creation time',
      )
    } else if (!isLive(doc, instance.liveness)) {
      // A scheduled story goes live without a save: link it then.
      await queueRefresh(
        req,
        instance,
        { stories: [instance.toId(doc.id)!] },
        new Date(Date.parse(doc[publishedAtField]) + 1000),
      )
    }
    return doc
  }
}

/** After a delete: the story joins the operation's work, to leave every list. */
export function recordAfterDelete(instance: Instance): CollectionAfterDeleteHook {
  return ({ id, req }) => noteChanged(req, instance, id)
}

/**
 * Once an operation is done (one story, or every story of a bulk publish, unpublish or delete, which Payload handles
 * side by side), every list it touches is brought up to date in one go, still inside its transaction.
 */
export function refreshAfterOperation(instance: Instance, refresh: Refresh): CollectionAfterOperationHook {
  return async ({ req, result }) => {
    const context = moreOnContext(req, instance)
    const stories = context.pendingStories
    context.pendingStories = undefined
    if (stories?.length) await refresh(req, { stories })
    return result
  }
}

/** The ids of a relationship field's value, as the plugin holds ids. */
export const relationIds = (instance: Instance, value: unknown): ID[] =>
  Array.isArray(value) ? value.flatMap((item) => (instance.toId(item) === undefined ? [] : [instance.toId(item)!])) : []

/** Editors' controls: a story cannot pin itself, nor a story readers cannot see. */
export function validateControls(instance: Instance): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    const pinned = relationIds(instance, (data.moreOn as { pinned?: unknown } | undefined)?.pinned)
    if (pinned.length === 0) return data
    const fail = (message: string): never => {
      throw new ValidationError({ collection: instance.slugs.stories, errors: [{ path: 'moreOn.pinned', message }] })
    }
    if (originalDoc?.id !== undefined && pinned.some((id) => sameId(id, originalDoc.id)))
      fail('A story cannot be pinned to itself')
    const { docs } = await req.payload.find({
      collection: instance.slugs.stories as CollectionSlug,
      where: { id: { in: pinned } },
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
    })
    for (const id of pinned) {
      const story =
        (docs.find((doc) => sameId(doc.id, id)) as Record<string, unknown> | undefined) ??
        fail(`Pinned story ${id} does not exist`)
      const title =
        story[
          (req.payload.collections[instance.slugs.stories as CollectionSlug]?.config.admin?.useAsTitle as string) ??
            'id'
        ] ?? story.id
      const label = `"${String(title)}"`
      if (!isPublished(story, instance.liveness)) fail(`Only published stories can be pinned: ${label} is a draft`)
      if (!isLive(story, instance.liveness)) fail(`Only published stories can be pinned: ${label} is not live yet`)
    }
    return data
  }
}

/** The stories editors may pin or exclude: other live ones (for the admin panel's pickers). */
export const otherLiveStories =
  (instance: Instance) =>
  ({ id }: { id?: number | string }) => ({
    and: [...(id !== undefined ? [{ id: { not_equals: id } }] : []), liveWhere(instance.liveness)],
  })
