import type { CollectionConfig } from 'payload'

import type { Instance } from '../instance.js'
import { idField } from './Postings.js'
import { closedToEveryApi } from './access.js'

/**
 * The phrases tag suggestions look up: each tag's name and aliases as plain words (core/phrases.ts), one row each,
 * indexed by phrase. Hidden, closed to every API; kept as tags change (db/phrases.ts), built afresh by a rebuild.
 */
export function tagPhrasesCollection(instance: Instance): CollectionConfig {
  return {
    slug: instance.slugs.phrases,
    ...closedToEveryApi,
    fields: [
      idField(instance, 'tag', { required: true, index: true }),
      { name: 'phrase', type: 'text', required: true, index: true },
    ],
  }
}
