import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionSlug,
} from 'payload'
import { ValidationError } from 'payload'

import type { Lists } from '../lists'
import { requestDatabase, sourcesListing } from '../store'
import type { ID, ResolvedMoreOnOptions } from '../types'
import { moreOnContext, queueRefresh, type Refresh } from './refresh'

export const relationIds = (value: unknown): ID[] =>
  Array.isArray(value)
    ? value
        .map((item) => (item && typeof item === 'object' ? (item as { id?: unknown }).id : item))
        .filter((id): id is number | string => typeof id === 'number' || (typeof id === 'string' && id !== ''))
        .map(Number)
    : []

/** Before a save: what the story was (as readers saw it), to know which lists the save can touch. */
export function recordBeforeChange(lists: Lists): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    if (originalDoc?.id !== undefined) {
      const id = Number(originalDoc.id)
      const states = await lists.statesOf(await requestDatabase(req), req.payload, [id])
      ;(moreOnContext(req).before ??= new Map()).set(String(id), { state: states.get(id) ?? null })
    }
    return data
  }
}

/** After a save: the story's own list and every list it now belongs in (or no longer does), in the same request. */
export function refreshAfterChange(options: ResolvedMoreOnOptions, refresh: Refresh): CollectionAfterChangeHook {
  return async ({ doc, req }) => {
    const id = Number(doc.id)
    const recorded = moreOnContext(req).before
    const before = recorded?.get(String(id))?.state ?? null
    recorded?.delete(String(id))
    await refresh(req, { changes: [{ id, before }] })
    const publishedAt = Date.parse(doc[options.publishedAtField] ?? '')
    if (doc._status !== 'draft' && publishedAt > Date.now()) {
      // A scheduled story goes live without a save: link it then.
      const notYetLive = { visible: false, tags: [], publishedAt }
      await queueRefresh(req, options, { changes: [{ id, before: notYetLive }] }, new Date(publishedAt + 1000))
    }
    return doc
  }
}

/** Before a delete: the story as it was, and the lists that show it (the delete is about to cut those links). */
export function recordBeforeDelete(lists: Lists): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const db = await requestDatabase(req)
    const states = await lists.statesOf(db, req.payload, [Number(id)])
    const listing = await sourcesListing(db, lists.namesFor(req.payload), [Number(id)])
    ;(moreOnContext(req).before ??= new Map()).set(String(id), { state: states.get(Number(id)) ?? null, listing })
  }
}

/** After a delete: the story leaves every list at once, and those lists are refilled. */
export function refreshAfterDelete(refresh: Refresh): CollectionAfterDeleteHook {
  return async ({ id, req }) => {
    const recorded = moreOnContext(req).before
    const { state = null, listing = [] } = recorded?.get(String(id)) ?? {}
    recorded?.delete(String(id))
    await refresh(req, { changes: [{ id: Number(id), before: state }], alsoRecompute: listing, removed: [Number(id)] })
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
