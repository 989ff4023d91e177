import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CollectionConfig, Config, Field, Payload } from 'payload'

import { moreOnEndpoint } from './endpoints/moreOnEndpoint'
import { previewEndpoint } from './endpoints/previewEndpoint'
import { rebuildEndpoint } from './endpoints/rebuildEndpoint'
import { tagStoriesEndpoint } from './endpoints/tagStoriesEndpoint'
import { moreOnControls, relatedStoriesField } from './fields/moreOnFields'
import { PUBLISHED_COUNT_FIELD, publishedCountField } from './fields/publishedCountField'
import { moreOnQueries } from './graphql'
import { createRefresher, refreshTask } from './hooks/refresh'
import {
  lockBeforeWrite,
  recordAfterChange,
  recordAfterDelete,
  refreshAfterOperation,
  validateControls,
} from './hooks/storyHooks'
import { lockBeforeTagWrite, recordKindChange, recordTaggedBeforeDelete, rescoreAfterTagOperation } from './hooks/tagHooks'
import { createLists, type Lists, type RebuildProgress, type RebuildResult } from './lists'
import { postingsCollection, recommendationsCollection, tagCountsCollection } from './recommendationsCollection'
import { parseMoreOnOptions, type MoreOnOptions, type ResolvedMoreOnOptions } from './types'

export type { MoreOnOptions } from './types'

/** Finds a data field by name, looking inside rows, collapsibles and unnamed tabs as Payload does. */
function findField(fields: Field[], name: string): Field | undefined {
  for (const field of fields) {
    if ('name' in field && field.name === name) return field
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field) {
      const found = findField(field.fields, name)
      if (found) return found
    }
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        const found = !('name' in tab) ? findField(tab.fields, name) : undefined
        if (found) return found
      }
    }
  }
  return undefined
}

function checkAgainstConfig(config: Config, options: ResolvedMoreOnOptions) {
  const fail = (option: string, problem: string) => {
    throw new Error(`more-on: option "${option}" ${problem}`)
  }
  const collection = config.collections?.find((candidate) => candidate.slug === options.collection)
  if (!collection) fail('collection', `names "${options.collection}", which is not a collection of this config`)
  const tags = config.collections?.find((candidate) => candidate.slug === options.tagCollection)
  if (!tags) fail('tagCollection', `names "${options.tagCollection}", which is not a collection of this config`)
  const tagField = findField(collection!.fields, options.tagField)
  if (!tagField || tagField.type !== 'relationship' || !tagField.hasMany || tagField.relationTo !== options.tagCollection) {
    fail('tagField', `must name a hasMany relationship to "${options.tagCollection}" on "${options.collection}"`)
  }
  const publishedAt = findField(collection!.fields, options.publishedAtField)
  if (!publishedAt || publishedAt.type !== 'date') fail('publishedAtField', `must name a date field on "${options.collection}"`)
  if (options.kindField) {
    const kind = findField(tags!.fields, options.kindField)
    if (!kind || kind.type !== 'select') fail('kindField', `must name a select field on "${options.tagCollection}", or be false`)
  }
  if (config.collections?.some((candidate) => candidate.slug === options.recommendationsSlug)) {
    fail('recommendationsSlug', `"${options.recommendationsSlug}" is already a collection of this config`)
  }
  return { collection: collection!, tags: tags! }
}

const listsKey = 'moreOnLists'

const componentsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'components')

/** An admin component of this plugin, addressed from the config's import map base directory (wherever the plugin lives). */
function componentPath(config: Config, file: string, exportName: string): string {
  const relative = path.relative(config.admin?.importMap?.baseDir ?? process.cwd(), path.join(componentsDir, file)).split(path.sep).join('/')
  return `${relative.startsWith('.') ? relative : `/${relative}`}#${exportName}`
}

/**
 * The more-on plugin: fills each story's "More on" block with the stories that share its most telling tags, and
 * keeps every block right the moment anything is published, changed, unpublished or deleted.
 */
export const moreOn =
  (input: MoreOnOptions = {}) =>
  (config: Config): Config => {
    const options = parseMoreOnOptions(input)
    if (!options.enabled) return config
    const { collection, tags } = checkAgainstConfig(config, options)
    const lists = createLists(options)
    const refresh = createRefresher(options, lists)
    const hasDrafts = Boolean(typeof collection.versions === 'object' && collection.versions?.drafts)

    const stories: CollectionConfig = {
      ...collection,
      fields: [...collection.fields, moreOnControls(options, hasDrafts, componentPath(config, 'MoreOnPanel', 'MoreOnPanel')), relatedStoriesField(options, lists)],
      endpoints: [...(collection.endpoints || []), moreOnEndpoint(options, lists), previewEndpoint(options, lists)],
      hooks: {
        ...collection.hooks,
        // First, so that every other hook of a write already runs under the lock.
        beforeOperation: [lockBeforeWrite(lists), ...(collection.hooks?.beforeOperation ?? [])],
        beforeChange: [...(collection.hooks?.beforeChange ?? []), validateControls(options)],
        afterChange: [...(collection.hooks?.afterChange ?? []), recordAfterChange(options)],
        afterDelete: [...(collection.hooks?.afterDelete ?? []), recordAfterDelete],
        afterOperation: [...(collection.hooks?.afterOperation ?? []), refreshAfterOperation(refresh)],
      },
    }
    const storiesLabel = typeof collection.labels?.plural === 'string' ? collection.labels.plural.toLowerCase() : options.collection
    const tagColumns = tags.admin?.defaultColumns
    const tagCollection: CollectionConfig = {
      ...tags,
      admin: { ...tags.admin, ...(tagColumns && { defaultColumns: [...tagColumns, PUBLISHED_COUNT_FIELD] }) },
      fields: [...tags.fields, publishedCountField(lists, storiesLabel)],
      endpoints: [...(tags.endpoints || []), tagStoriesEndpoint(options)],
      hooks: {
        ...tags.hooks,
        beforeOperation: [lockBeforeTagWrite(lists), ...(tags.hooks?.beforeOperation ?? [])],
        afterChange: [...(tags.hooks?.afterChange ?? []), recordKindChange(options)],
        beforeDelete: [...(tags.hooks?.beforeDelete ?? []), recordTaggedBeforeDelete(lists)],
        afterOperation: [...(tags.hooks?.afterOperation ?? []), rescoreAfterTagOperation(refresh)],
      },
    }
    const links = recommendationsCollection(options, collection.access?.read)
    const recommendations: CollectionConfig = {
      ...links,
      // Listed beside the stories in the admin panel's navigation.
      admin: { ...links.admin, group: collection.admin?.group },
      endpoints: [rebuildEndpoint(options, lists)],
    }

    return {
      ...config,
      collections: [
        ...(config.collections ?? []).map((candidate) =>
          candidate === collection ? stories : candidate === tags ? tagCollection : candidate,
        ),
        recommendations,
        tagCountsCollection(options),
        postingsCollection(options),
      ],
      jobs: { ...config.jobs, tasks: [...(config.jobs?.tasks ?? []), refreshTask(options, lists)] },
      graphQL: { ...config.graphQL, queries: moreOnQueries(options, lists, config.graphQL?.queries) },
      custom: { ...config.custom, [listsKey]: { ...(config.custom?.[listsKey] ?? {}), [options.recommendationsSlug]: lists } },
    }
  }

/** Recomputes every list of the plugin instance that stores its links in `recommendationsSlug`. */
export async function rebuildMoreOn(
  payload: Payload,
  { recommendationsSlug = 'recommendations', onProgress }: { recommendationsSlug?: string; onProgress?: (progress: RebuildProgress) => void } = {},
): Promise<RebuildResult> {
  const lists = (payload.config.custom?.[listsKey] as Record<string, Lists> | undefined)?.[recommendationsSlug]
  if (!lists) throw new Error(`more-on: no plugin instance stores its links in "${recommendationsSlug}"`)
  return lists.rebuild(payload, onProgress)
}
