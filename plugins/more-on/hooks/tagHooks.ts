import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import type { Lists } from '../lists'
import { requestDatabase, storiesTagged } from '../store'
import type { ResolvedMoreOnOptions } from '../types'
import { moreOnContext, type Refresh } from './refresh'

/** A tag's kind sets its weight: changing it rescores the stories that carry it. Renaming changes nothing. */
export function rescoreOnKindChange(options: ResolvedMoreOnOptions, refresh: Refresh): CollectionAfterChangeHook {
  return async ({ doc, previousDoc, operation, req }) => {
    if (operation === 'update' && options.kindField && doc[options.kindField] !== previousDoc?.[options.kindField]) {
      await refresh(req, { tags: [Number(doc.id)] })
    }
    return doc
  }
}

/** Before a tag is deleted: the stories that carry it, whose lists change once it is gone. */
export function recordTaggedBeforeDelete(lists: Lists): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const tagged = await storiesTagged(await requestDatabase(req), lists.namesFor(req.payload), [Number(id)])
    ;(moreOnContext(req).before ??= new Map()).set(`tag:${id}`, { state: null, listing: tagged })
  }
}

export function rescoreAfterTagDelete(refresh: Refresh): CollectionAfterDeleteHook {
  return async ({ id, req }) => {
    const recorded = moreOnContext(req).before
    const tagged = recorded?.get(`tag:${id}`)?.listing ?? []
    recorded?.delete(`tag:${id}`)
    if (tagged.length > 0) await refresh(req, { ids: tagged })
  }
}
