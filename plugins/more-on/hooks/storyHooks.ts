import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, CollectionBeforeDeleteHook, CollectionSlug } from 'payload'
import { ValidationError } from 'payload'

import type { Lists } from '../lists'
import { removeStories, requestDatabase } from '../store'
import type { ID, ResolvedMoreOnOptions } from '../types'
import { moreOnContext, REFRESH_TASK, type Refresh } from './refresh'

export const relationIds = (value: unknown): ID[] =>
  Array.isArray(value)
    ? value
        .map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : item))
        .filter((id): id is number | string => typeof id === 'number' || (typeof id === 'string' && id !== ''))
        .map(Number)
    : []

/** After a save: the story's own list and every list it now belongs in (or no longer does), in the same request. */
export function refreshAfterChange(options: ResolvedMoreOnOptions, refresh: Refresh): CollectionAfterChangeHook {
  return async ({ doc, previousDoc, req }) => {
    const id = Number(doc.id)
    await refresh(req, { ids: [id], previousTags: relationIds(previousDoc?.[options.tagField]) })
    const publishedAt = doc[options.publishedAtField] ? Date.parse(doc[options.publishedAtField]) : NaN
    if (doc._status !== 'draft' && publishedAt > Date.now()) {
      // A scheduled story goes live with no save; link it then.
      await req.payload.jobs.queue({
        task: REFRESH_TASK as never,
        queue: options.queue,
        input: { ids: [id] } as never,
        waitUntil: new Date(publishedAt + 1000),
        req,
      })
    }
    return doc
  }
}

/** Before a delete: note which lists show the story or could take its place, while its tags can still be read. */
export function noteBeforeDelete(lists: Lists): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    let affected: ID[] = []
    try {
      affected = await lists.affectedBy(await requestDatabase(req), req.payload, [Number(id)])
    } catch (error) {
      req.payload.logger.error({ err: error, msg: `more-on: could not read the lists around ${id} before its delete` })
    }
    ;(moreOnContext(req).pendingAfterDelete ??= new Map()).set(String(id), affected.filter((other) => other !== Number(id)))
  }
}

/** After a delete: the story leaves every list at once, and those lists are refilled. */
export function refillAfterDelete(lists: Lists, refresh: Refresh): CollectionAfterDeleteHook {
  return async ({ id, req }) => {
    const pending = moreOnContext(req).pendingAfterDelete
    const affected = pending?.get(String(id)) ?? []
    pending?.delete(String(id))
    await refresh(req, { ids: affected, exact: true }, (db) => removeStories(db, lists.namesFor(req.payload), [Number(id)]))
  }
}

/** Editors' controls: a story cannot pin itself, nor a story readers cannot see. */
export function validateControls(options: ResolvedMoreOnOptions): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    const pinned = relationIds((data.moreOn as { pinned?: unknown } | undefined)?.pinned)
    if (pinned.length === 0) return data
    const fail = (message: string) => {
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
      const story = docs.find((doc) => Number(doc.id) === id) as Record<string, unknown> | undefined
      if (!story) fail(`Pinned story ${id} does not exist`)
      const publishedAt = Date.parse(String(story![options.publishedAtField] ?? ''))
      const label = `"${String(story!.title ?? story!.id)}"`
      if (story!._status === 'draft') fail(`Only published stories can be pinned: ${label} is a draft`)
      if (!(publishedAt <= now)) fail(`Only published stories can be pinned: ${label} is not live yet`)
    }
    return data
  }
}
