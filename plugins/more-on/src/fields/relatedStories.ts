import type { Field, FieldHook } from 'payload'

import { loadCards } from '../cards.js'
import type { Instance } from '../instance.js'

/**
 * `relatedStories`: the story's "More on" cards on single-story reads at depth 1 or more, so one request brings both.
 */
export function relatedStoriesField(instance: Instance, { enabled }: { enabled: boolean }): Field {
  const resolve: FieldHook = async ({ data, depth, currentDepth, findMany, req }) => {
    // Reads only: a save's response is built inside its transaction, which a failed read here would abort.
    if (!enabled || req.transactionID !== undefined || (currentDepth ?? 0) > 1) return undefined
    const id = instance.toId(data?.id)
    if (id === undefined || (!depth && req.payloadAPI !== 'GraphQL')) return undefined
    // One story at a time (by id, or a list asked for one, as when fetching by slug): lists use the more-on endpoint.
    if (findMany && String(req.query?.limit) !== '1') return undefined
    return loadCards(req, instance, id, instance.options.listLength)
  }
  return {
    name: 'relatedStories',
    type: 'json',
    virtual: true,
    access: { create: () => false, update: () => false },
    admin: { hidden: true },
    hooks: { afterRead: [resolve] },
  }
}
