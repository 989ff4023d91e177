import type { CollectionConfig, Config, Payload, PayloadRequest } from 'payload'

import { postingsCollection } from './collections/Postings.js'
import { recommendationsCollection } from './collections/Recommendations.js'
import { tagCountsCollection } from './collections/TagCounts.js'
import { tagPhrasesCollection } from './collections/TagPhrases.js'
import { moreOnEndpoint } from './endpoints/moreOn.js'
import { previewEndpoint } from './endpoints/preview.js'
import { rebuildEndpoint } from './endpoints/rebuild.js'
import { tagStoriesEndpoint } from './endpoints/tagStories.js'
import { tagSuggestionsEndpoint } from './endpoints/tagSuggestions.js'
import { aliasesField } from './fields/aliases.js'
import { moreOnControls } from './fields/controls.js'
import { relatedStoriesField } from './fields/relatedStories.js'
import { tagCountField } from './fields/tagCount.js'
import { withTagSuggestions } from './fields/tagSuggestions.js'
import { moreOnQueries } from './graphql/queries.js'
import { createRefresher, refreshTask } from './hooks/refresh.js'
import {
  lockBeforeWrite,
  recordAfterChange,
  recordAfterDelete,
  refreshAfterOperation,
  validateControls,
} from './hooks/stories.js'
import {
  dropPhrasesAfterDelete,
  keepPhrasesAfterChange,
  lockBeforeTagWrite,
  recordKindChange,
  recordTaggedBeforeDelete,
  rescoreAfterTagOperation,
} from './hooks/tags.js'
import { createInstance, findField, type Instance } from './instance.js'
import { parseMoreOnOptions, type MoreOnOptions, type ResolvedMoreOnOptions } from './options.js'
import { publicationOf, type Publication } from './publication.js'
import { loadCards } from './cards.js'
import type { Card, ID, RebuildProgress, RebuildResult } from './types.js'
import { rebuild } from './upkeep.js'

export type { MoreOnOptions } from './options.js'
export { moreOnOptionsSchema } from './options.js'
export type * from './exports/types.js'

function checkAgainstConfig(config: Config, options: ResolvedMoreOnOptions) {
  const fail = (option: string, problem: string): never => {
    throw new Error(`more-on: option "${option}" ${problem}`)
  }
  const collection = config.collections?.find((candidate) => candidate.slug === options.collection)
  if (!collection) return fail('collection', `names "${options.collection}", which is not a collection of this config`)
  const tags = config.collections?.find((candidate) => candidate.slug === options.tagCollection)
  if (!tags) return fail('tagCollection', `names "${options.tagCollection}", which is not a collection of this config`)
  const tagField = findField(collection.fields, options.tagField)
  if (
    !tagField ||
    tagField.type !== 'relationship' ||
    !tagField.hasMany ||
    tagField.relationTo !== options.tagCollection
  ) {
    fail('tagField', `must name a hasMany relationship to "${options.tagCollection}" on "${options.collection}"`)
  }
  const publishedAt = findField(collection.fields, options.publishedAtField)
  if (!publishedAt || publishedAt.type !== 'date')
    fail('publishedAtField', `must name a date field on "${options.collection}"`)
  if (options.kindField) {
    const kind = findField(tags.fields, options.kindField)
    if (!kind || kind.type !== 'select')
      fail('kindField', `must name a select field on "${options.tagCollection}", or be false`)
  }
  if (config.collections?.some((candidate) => candidate.slug === options.recommendationsSlug)) {
    fail('recommendationsSlug', `"${options.recommendationsSlug}" is already a collection of this config`)
  }
  if (findField(collection.fields, 'moreOn')) {
    fail(
      'collection',
      `"${options.collection}" already has a more-on instance (or a "moreOn" field): one instance per collection`,
    )
  }
  if (findField(tags.fields, options.tagCountField)) {
    fail(
      'tagCountField',
      `"${options.tagCountField}" is already a field of "${options.tagCollection}" ` +
        '(another instance on these tags?): give this instance another name',
    )
  }
  if (options.suggestions) {
    const aliases = findField(tags.fields, options.suggestions.aliasesField)
    if (aliases && !(aliases.type === 'text' && aliases.hasMany)) {
      fail(
        'suggestions.aliasesField',
        `"${options.suggestions.aliasesField}" is a field of "${options.tagCollection}" that is not text with hasMany`,
      )
    }
    for (const field of options.suggestions.fields ?? []) {
      if (!findField(collection.fields, field))
        fail('suggestions.fields', `"${field}" is not a field of "${options.collection}"`)
    }
  }
  return { collection, tags }
}

/** Adds a Payload `jobs.autoRun` entry for the plugin's queue, unless the config already runs that queue. */
function withQueueRun(jobs: Config['jobs'], options: ResolvedMoreOnOptions): Config['jobs'] {
  if (options.autoRun === false) return jobs
  const ours = {
    cron: '* * * * *',
    limit: 10,
    ...(options.autoRun === true ? {} : options.autoRun),
    queue: options.queue,
  }
  type AutoRun = Exclude<NonNullable<NonNullable<Config['jobs']>['autoRun']>, (...args: never[]) => unknown>
  const covered = (entries: AutoRun) =>
    entries.some((entry) => entry.allQueues || (entry.queue ?? 'default') === options.queue)
  const existing = jobs?.autoRun
  const autoRun =
    typeof existing === 'function'
      ? async (payload: Payload) => {
          const entries = await existing(payload)
          return covered(entries) ? entries : [...entries, ours]
        }
      : covered(existing ?? [])
        ? existing
        : [...(existing ?? []), ours]
  return { ...jobs, autoRun }
}

const instancesKey = 'moreOnInstances'

/**
 * The more-on plugin: fills each story's "More on" block with the stories that share its most telling tags, and
 * keeps every block right the moment anything is published, changed, unpublished or deleted.
 */
export const moreOn =
  (input: MoreOnOptions = {}) =>
  (config: Config): Config => {
    const options = parseMoreOnOptions(input)
    const { collection, tags } = checkAgainstConfig(config, options)
    const instance = createInstance(config, options, collection, tags)
    const { enabled } = options
    const refresh = createRefresher(instance)
    const storiesLabel =
      typeof collection.labels?.plural === 'string' ? collection.labels.plural.toLowerCase() : options.collection

    // The schema (collections and fields) is the same whether the plugin is enabled or not, so that switching it off
    // never makes the next migration drop the stored links and the editors' pins.
    const { suggestions } = instance
    const storyFields =
      suggestions && enabled ? withTagSuggestions(collection.fields, instance, suggestions) : collection.fields
    const stories: CollectionConfig = {
      ...collection,
      fields: [...storyFields, moreOnControls(instance), relatedStoriesField(instance, { enabled })],
      ...(enabled && {
        endpoints: [
          ...(collection.endpoints || []),
          moreOnEndpoint(instance),
          previewEndpoint(instance),
          ...(suggestions ? [tagSuggestionsEndpoint(instance)] : []),
        ],
        hooks: {
          ...collection.hooks,
          // First, so that every other hook of a write already runs under the lock.
          beforeOperation: [lockBeforeWrite(instance), ...(collection.hooks?.beforeOperation ?? [])],
          beforeChange: [...(collection.hooks?.beforeChange ?? []), validateControls(instance)],
          afterChange: [...(collection.hooks?.afterChange ?? []), recordAfterChange(instance)],
          afterDelete: [...(collection.hooks?.afterDelete ?? []), recordAfterDelete(instance)],
          afterOperation: [...(collection.hooks?.afterOperation ?? []), refreshAfterOperation(instance, refresh)],
        },
      }),
    }
    const tagColumns = tags.admin?.defaultColumns
    const tagCollection: CollectionConfig = {
      ...tags,
      admin: { ...tags.admin, ...(tagColumns && { defaultColumns: [...tagColumns, options.tagCountField] }) },
      fields: [
        ...tags.fields,
        ...(suggestions && !findField(tags.fields, suggestions.aliasesField)
          ? [aliasesField(suggestions.aliasesField)]
          : []),
        tagCountField(instance, storiesLabel, { enabled }),
      ],
      ...(enabled && {
        endpoints: [...(tags.endpoints || []), tagStoriesEndpoint(instance)],
        hooks: {
          ...tags.hooks,
          beforeOperation: [lockBeforeTagWrite(instance), ...(tags.hooks?.beforeOperation ?? [])],
          afterChange: [
            ...(tags.hooks?.afterChange ?? []),
            recordKindChange(instance),
            ...(suggestions ? [keepPhrasesAfterChange(instance, suggestions.aliasesField)] : []),
          ],
          beforeDelete: [...(tags.hooks?.beforeDelete ?? []), recordTaggedBeforeDelete(instance)],
          afterDelete: [...(tags.hooks?.afterDelete ?? []), ...(suggestions ? [dropPhrasesAfterDelete(instance)] : [])],
          afterOperation: [...(tags.hooks?.afterOperation ?? []), rescoreAfterTagOperation(instance, refresh)],
        },
      }),
    }
    const links = recommendationsCollection(instance, collection.access?.read)
    const recommendations: CollectionConfig = {
      ...links,
      // Listed beside the stories in the admin panel's navigation.
      admin: { ...links.admin, group: collection.admin?.group },
      ...(enabled && { endpoints: [rebuildEndpoint(instance)] }),
    }

    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((candidate) =>
          candidate === collection ? stories : candidate === tags ? tagCollection : candidate,
        ),
        recommendations,
        tagCountsCollection(instance),
        postingsCollection(instance),
        ...(suggestions ? [tagPhrasesCollection(instance)] : []),
      ],
      // The task is declared either way: its slug is in the jobs table's schema.
      jobs: withQueueRun(
        { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), refreshTask(instance)] },
        enabled ? options : { ...options, autoRun: false },
      ),
      ...(enabled && { graphQL: { ...config.graphQL, queries: moreOnQueries(instance, config.graphQL?.queries) } }),
      custom: {
        ...config.custom,
        [instancesKey]: { ...(config.custom?.[instancesKey] ?? {}), [options.recommendationsSlug]: instance },
      },
    }
  }

function instanceOf(payload: Payload, recommendationsSlug: string): Instance {
  const instance = (payload.config.custom?.[instancesKey] as Record<string, Instance> | undefined)?.[
    recommendationsSlug
  ]
  if (!instance) throw new Error(`more-on: no plugin instance stores its links in "${recommendationsSlug}"`)
  return instance
}

/** Recomputes every list of the plugin instance that stores its links in `recommendationsSlug`. */
export async function rebuildMoreOn(
  payload: Payload,
  {
    recommendationsSlug = 'recommendations',
    onProgress,
  }: { recommendationsSlug?: string; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildResult> {
  return rebuild(payload, instanceOf(payload, recommendationsSlug), onProgress)
}

/**
 * A story's "More on" cards as `req`'s user may see them, in the REST card shape (pins first; only readable stories
 * and tags), read in the request's transaction when it has one: for front ends rendered on the server.
 */
export async function moreOnCards(
  req: PayloadRequest,
  storyId: ID,
  { recommendationsSlug = 'recommendations', limit }: { recommendationsSlug?: string; limit?: number } = {},
): Promise<Card[]> {
  const instance = instanceOf(req.payload, recommendationsSlug)
  return (await loadCards(req, instance, storyId, limit ?? instance.options.listLength)) ?? []
}

/**
 * Whether a story is live by the plugin's rule (published, and its date has come), and if not, when it goes live by
 * itself (a future date, or Payload's scheduled publishing). For lists and cells that show a story's status.
 */
export function storyPublication(
  payload: Payload,
  doc: Record<string, unknown>,
  { recommendationsSlug = 'recommendations', req }: { recommendationsSlug?: string; req?: PayloadRequest } = {},
): Promise<Publication> {
  return publicationOf(payload, instanceOf(payload, recommendationsSlug), doc, req)
}
