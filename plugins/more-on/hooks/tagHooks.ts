import type {
  CollectionAfterChangeHook,
  CollectionAfterOperationHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'

import type { Lists } from '../lists'
import { requestDatabase, storiesTagged } from '../store'
import type { ResolvedMoreOnOptions } from '../types'
import { moreOnContext, type Refresh } from './refresh'

const pendingTagWork = (req: PayloadRequest) => (moreOnContext(req).pendingTags ??= { rescored: [], untagged: [] })

/** Before a tag is changed or deleted (which can rescore lists): the writers' lock, as for stories. */
export function lockBeforeTagWrite(lists: Lists): CollectionBeforeOperationHook {
  return async ({ args, operation, req }) => {
    if (operation === 'update' || operation === 'delete') await lists.claim(await requestDatabase(req), req.payload, { changing: false })
    return args
  }
}

/** A tag's kind sets its weight: changing it rescores the stories that carry it. Renaming changes nothing. */
export function recordKindChange(options: ResolvedMoreOnOptions): CollectionAfterChangeHook {
  return async ({ doc, previousDoc, operation, req }) => {
    if (operation === 'update' && options.kindField && doc[options.kindField] !== previousDoc?.[options.kindField]) {
      pendingTagWork(req).rescored.push(Number(doc.id))
    }
    return doc
  }
}

/** Before a tag is deleted: the stories that carry it, whose lists change once it is gone. */
export function recordTaggedBeforeDelete(lists: Lists): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const tagged = await storiesTagged(await requestDatabase(req), lists.namesFor(req.payload), [Number(id)])
    pendingTagWork(req).untagged.push(...tagged)
  }
}

/** Once a tag operation is done (one tag or a bulk change): the lists it rescored, in one go. */
export function rescoreAfterTagOperation(refresh: Refresh): CollectionAfterOperationHook {
  return async ({ req, result }) => {
    const context = moreOnContext(req)
    const work = context.pendingTags
    context.pendingTags = undefined
    if (work?.rescored.length) await refresh(req, { tags: work.rescored })
    // Their stories lost the tag without a save of their own: changed stories to the plugin.
    if (work?.untagged.length) await refresh(req, { stories: work.untagged })
    return result
  }
}
