import type { Field, FieldHook } from 'payload'

import type { Lists } from '../lists'
import { loadCounts, requestDatabase } from '../store'

export const PUBLISHED_COUNT_FIELD = 'publishedCount'

/** On each tag: how many published stories carry it, from the plugin's kept counts (a list column in the admin panel). */
export function publishedCountField(lists: Lists, storiesLabel: string): Field {
  const count: FieldHook = async ({ data, currentDepth, req }) => {
    // Tags read as part of a story (populated) skip it: one query per tag there would cost every story read.
    if (data?.id === undefined || (currentDepth ?? 0) > 1) return undefined
    const { df } = await loadCounts(await requestDatabase(req), lists.namesFor(req.payload), [Number(data.id)])
    return df.get(Number(data.id)) ?? 0
  }
  return {
    name: PUBLISHED_COUNT_FIELD,
    type: 'number',
    virtual: true,
    label: `Published ${storiesLabel}`,
    access: { create: () => false, update: () => false },
    admin: { readOnly: true, position: 'sidebar', description: `How many published ${storiesLabel} carry it.` },
    hooks: { afterRead: [count] },
  }
}
