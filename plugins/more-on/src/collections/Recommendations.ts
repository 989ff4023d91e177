import type { Access, CollectionConfig, Where } from 'payload'

import { originEnumName } from '../db/names.js'
import type { Instance } from '../instance.js'
import { nobody } from './access.js'
import { ORIGINS } from '../types.js'

/** Prefixes every field path of a where query: `{ _status: ... }` becomes `{ 'source._status': ... }`. */
function prefixWhere(where: Where, prefix: string): Where {
  return Object.fromEntries(
    Object.entries(where).map(([key, value]) =>
      key === 'and' || key === 'or'
        ? [key, (value as Where[]).map((inner) => prefixWhere(inner, prefix))]
        : [`${prefix}.${key}`, value],
    ),
  ) as Where
}

/** A link is readable wherever both of its stories are: the story collection's own read rule, on each end. */
function readableWhereBothStoriesAre(storyRead: Access | undefined): Access {
  return async (args) => {
    const rule = storyRead ? await storyRead(args) : Boolean(args.req.user)
    if (typeof rule === 'boolean') return rule
    return { and: [prefixWhere(rule, 'source'), prefixWhere(rule, 'target')] }
  }
}

/** One document per link, maintained by the plugin alone: nobody creates, edits or deletes them by hand. */
export function recommendationsCollection(instance: Instance, storyRead: Access | undefined): CollectionConfig {
  const stories = instance.slugs.stories as never
  return {
    slug: instance.slugs.recommendations,
    labels: { singular: 'Recommendation', plural: 'Recommendations' },
    admin: {
      defaultColumns: ['source', 'rank', 'target', 'score', 'origin', 'computedAt'],
      description: 'The "More on" links, kept up to date by the more-on plugin. Read-only: steer them from each story.',
      enableRichTextRelationship: false,
    },
    access: { read: readableWhereBothStoriesAre(storyRead), create: nobody, update: nobody, delete: nobody },
    defaultSort: 'rank',
    indexes: [{ fields: ['source', 'rank'] }],
    fields: [
      // Not required: deleting a story sets its links' ends to null (then the plugin removes them) rather than failing.
      { name: 'source', type: 'relationship', relationTo: stories, index: true },
      { name: 'target', type: 'relationship', relationTo: stories, index: true },
      { name: 'rank', type: 'number', required: true },
      { name: 'score', type: 'number', required: true },
      { name: 'sharedTags', type: 'json', admin: { description: 'Each shared tag and its share of the score.' } },
      {
        name: 'origin',
        type: 'select',
        required: true,
        options: [...ORIGINS],
        enumName: originEnumName(instance.slugs.recommendations),
      },
      { name: 'computedAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    ],
  }
}
