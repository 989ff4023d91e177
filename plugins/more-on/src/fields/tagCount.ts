import type { Field, FieldHook } from 'payload'

import { loadCounts } from '../db/counts.js'
import { storeFor } from '../db/store.js'
import type { Instance } from '../instance.js'

/** On each tag: how many live stories carry it, from the plugin's kept counts (a list column in the admin panel). */
export function tagCountField(instance: Instance, storiesLabel: string, { enabled }: { enabled: boolean }): Field {
  const count: FieldHook = async ({ data, currentDepth, req }) => {
    const tag = instance.toId(data?.id)
    // Tags read as part of a story (populated) skip it: one query per tag there would cost every story read.
    if (!enabled || tag === undefined || (currentDepth ?? 0) > 1) return undefined
    const { df } = await loadCounts(await storeFor(req, instance), [tag])
    return df.get(tag) ?? 0
  }
  return {
    name: instance.options.tagCountField,
    type: 'number',
    virtual: true,
    label: `Published ${storiesLabel}`,
    access: { create: () => false, update: () => false },
    admin: { readOnly: true, position: 'sidebar', description: `How many published ${storiesLabel} carry it.` },
    hooks: { afterRead: [count] },
  }
}
