import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterOperationHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
} from 'payload'

import { phrasesOfTag } from '../core/phrases.js'
import { rewritePhrases } from '../db/phrases.js'
import { storeFor } from '../db/store.js'
import { storiesTagged } from '../db/stories.js'
import type { Instance } from '../instance.js'
import { lockForOperation, moreOnContext, type Refresh } from './refresh.js'

const pendingTagWork = (req: Parameters<CollectionAfterChangeHook>[0]['req'], instance: Instance) =>
  (moreOnContext(req, instance).pendingTags ??= { rescored: [], untagged: [] })

/**
 * Before a tag is changed or deleted (which can rescore lists): the writers' lock, as for stories. Created too when
 * suggestions are on, so that a rebuild rewriting every tag's phrases never misses a tag created meanwhile.
 */
export function lockBeforeTagWrite(instance: Instance): CollectionBeforeOperationHook {
  const locked = new Set(['update', 'delete', ...(instance.suggestions ? ['create'] : [])])
  return async ({ args, operation, req }) => {
    if (locked.has(operation)) await lockForOperation(req, instance)
    return args
  }
}

/** A tag's name and aliases are its phrases for suggestions: rewritten with every save, in its transaction. */
export function keepPhrasesAfterChange(instance: Instance, aliasesField: string): CollectionAfterChangeHook {
  return async ({ doc, req }) => {
    const tag = instance.toId(doc.id)
    if (tag !== undefined) {
      const phrases = phrasesOfTag(doc[instance.tagTitleField], doc[aliasesField])
      await rewritePhrases(await storeFor(req, instance), [{ tag, phrases }])
    }
    return doc
  }
}

/** A deleted tag is suggested no more. */
export function dropPhrasesAfterDelete(instance: Instance): CollectionAfterDeleteHook {
  return async ({ id, req }) => {
    const tag = instance.toId(id)
    if (tag !== undefined) await rewritePhrases(await storeFor(req, instance), [{ tag, phrases: [] }])
  }
}

/** A tag's kind sets its weight: changing it rescores the stories that carry it. Renaming changes nothing. */
export function recordKindChange(instance: Instance): CollectionAfterChangeHook {
  const { kindField } = instance.options
  return async ({ doc, previousDoc, operation, req }) => {
    const tag = instance.toId(doc.id)
    if (operation === 'update' && kindField && tag !== undefined && doc[kindField] !== previousDoc?.[kindField])
      pendingTagWork(req, instance).rescored.push(tag)
    return doc
  }
}

/** Before a tag is deleted: the stories that carry it, which lose it without a save of their own. */
export function recordTaggedBeforeDelete(instance: Instance): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const tag = instance.toId(id)
    if (tag === undefined) return
    pendingTagWork(req, instance).untagged.push(...(await storiesTagged(await storeFor(req, instance), [tag])))
  }
}

/** Once a tag operation is done (one tag or a bulk change): the lists it rescored, in one go. */
export function rescoreAfterTagOperation(instance: Instance, refresh: Refresh): CollectionAfterOperationHook {
  return async ({ req, result }) => {
    const context = moreOnContext(req, instance)
    const work = context.pendingTags
    context.pendingTags = undefined
    if (work?.rescored.length) await refresh(req, { tags: work.rescored })
    // Their stories lost the tag without a save of their own: changed stories to the plugin.
    if (work?.untagged.length) await refresh(req, { stories: work.untagged })
    return result
  }
}
