import type { Access, CollectionConfig, Where } from 'payload'

import { countsSlug, originEnumName, postingsSlug } from './store'
import { ORIGINS, type ResolvedMoreOnOptions } from './types'

const nobody = () => false

/** Prefixes every field path of a where query: `{ _status: ... }` becomes `{ 'source._status': ... }`. */
export function prefixWhere(where: Where, prefix: string): Where {
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
export function recommendationsCollection(options: ResolvedMoreOnOptions, storyRead: Access | undefined): CollectionConfig {
  const stories = options.collection as never
  return {
    slug: options.recommendationsSlug,
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
      { name: 'origin', type: 'select', required: true, options: [...ORIGINS], enumName: originEnumName(options.recommendationsSlug) },
      { name: 'computedAt', type: 'date', required: true, admin: { date: { pickerAppearance: 'dayAndTime' } } },
    ],
  }
}

/**
 * The plugin's own bookkeeping: how many published stories each tag has (tag 0: in all), kept as stories change so
 * that a save never counts a crowded tag's stories. Hidden, and closed to every API; a rebuild counts afresh.
 */
export function tagCountsCollection(options: ResolvedMoreOnOptions): CollectionConfig {
  return {
    slug: countsSlug(options.recommendationsSlug),
    admin: { hidden: true },
    graphQL: false,
    access: { read: nobody, create: nobody, update: nobody, delete: nobody },
    fields: [
      { name: 'tag', type: 'number', required: true, unique: true },
      { name: 'published', type: 'number', required: true },
    ],
  }
}

/**
 * The plugin's index: one entry per published story and tag, in date order within each tag, so that finding the
 * stories nearest in time on a tag reads a few index pages whatever the size of the tag. Hidden, closed to every API;
 * kept as stories change, and built afresh by a rebuild.
 */
export function postingsCollection(options: ResolvedMoreOnOptions): CollectionConfig {
  return {
    slug: postingsSlug(options.recommendationsSlug),
    admin: { hidden: true },
    graphQL: false,
    access: { read: nobody, create: nobody, update: nobody, delete: nobody },
    indexes: [{ fields: ['tag', 'publishedAt', 'story'] }],
    fields: [
      { name: 'tag', type: 'number', required: true },
      { name: 'story', type: 'number', required: true, index: true },
      { name: 'publishedAt', type: 'date', required: true },
      { name: 'neverAutoLink', type: 'checkbox', required: true, defaultValue: false },
    ],
  }
}
