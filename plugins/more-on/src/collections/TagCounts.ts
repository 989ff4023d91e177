import type { CollectionConfig } from 'payload'

import type { Instance } from '../instance.js'
import { closedToEveryApi } from './access.js'

/**
 * The plugin's own bookkeeping: how many live stories each tag has (and in all), kept as stories change so that a
 * save never counts a crowded tag's stories. Hidden, and closed to every API; a rebuild counts afresh.
 */
export function tagCountsCollection(instance: Instance): CollectionConfig {
  return {
    slug: instance.slugs.counts,
    ...closedToEveryApi,
    fields: [
      {
        name: 'key',
        type: 'text',
        required: true,
        unique: true,
        admin: { description: "A tag's id, `all` or `changes`." },
      },
      { name: 'published', type: 'number', required: true },
    ],
  }
}
