import type { CollectionConfig } from 'payload'

import type { Instance } from '../instance.js'
import { closedToEveryApi } from './access.js'

/** An id column of the plugin's own: a number for serial ids, text for uuids. */
export const idField = (instance: Instance, name: string, extra: { required?: boolean; index?: boolean } = {}) =>
  (instance.idKind === 'number'
    ? { name, type: 'number', ...extra }
    : { name, type: 'text', ...extra }) as CollectionConfig['fields'][number]

/**
 * The plugin's index: one entry per live story and tag, in date order within each tag, and one without a tag per
 * live story (db/postings.ts). Hidden, closed to every API; kept as stories change, and built afresh by a rebuild.
 */
export function postingsCollection(instance: Instance): CollectionConfig {
  return {
    slug: instance.slugs.postings,
    ...closedToEveryApi,
    // With the flag in the index, a publish reads the thousands of entries around its places from the index alone.
    indexes: [{ fields: ['tag', 'publishedAt', 'story', 'neverAutoLink'] }],
    fields: [
      idField(instance, 'tag'),
      idField(instance, 'story', { required: true, index: true }),
      { name: 'publishedAt', type: 'date', required: true },
      { name: 'neverAutoLink', type: 'checkbox', required: true, defaultValue: false },
    ],
  }
}
