/**
 * One plugin instance as the config made it: its options, and what follows from the config (slugs, id type, the
 * tag collection's title and slug fields, the card's fields). Built once, when the plugin is applied.
 */
import type { CollectionConfig, Config, Field } from 'payload'

import type { LivenessFields } from './core/liveness.js'
import type { ResolvedMoreOnOptions } from './options.js'
import type { ID, ScoringSettings } from './types.js'

export type Instance = {
  options: ResolvedMoreOnOptions
  /** Postgres ids: serial numbers, or uuids (`text`). */
  idKind: 'number' | 'text'
  slugs: {
    stories: string
    tags: string
    recommendations: string
    counts: string
    postings: string
    phrases: string
    task: string
  }
  liveness: LivenessFields
  /** Whether Payload's scheduled publishing can publish the stories (drafts with `schedulePublish`). */
  schedulePublish: boolean
  /** The tag collection's title field (its `admin.useAsTitle`), the label of a shared tag. */
  tagTitleField: string
  /** The tag collection's slug field, when it has the one `tagSlugField` names. */
  tagSlugField: string | undefined
  /** The REST card's fields. */
  cardSelect: Record<string, true>
  settings: ScoringSettings
  /** Tag suggestions, with the story fields whose text they read; `false` when switched off. */
  suggestions: { aliasesField: string; fields: string[]; limit: number } | false
  kindWeight: (kind: string | undefined) => number
  /** An id as the plugin holds it (numbers for serial ids), from a route parameter, a relationship value or a row. */
  toId: (value: unknown) => ID | undefined
}

/** Finds a data field by name, looking inside rows, collapsibles and unnamed tabs as Payload does. */
export function findField(fields: Field[], name: string): Field | undefined {
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

const countsSlug = (recommendationsSlug: string) => `${recommendationsSlug}-tag-counts`
const postingsSlug = (recommendationsSlug: string) => `${recommendationsSlug}-postings`
const phrasesSlug = (recommendationsSlug: string) => `${recommendationsSlug}-tag-phrases`

/** The fields editors write text in: top level (through rows, collapsibles, unnamed tabs), not hidden or read-only. */
function writtenTextFields(fields: Field[]): string[] {
  return fields.flatMap((field): string[] => {
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field)
      return writtenTextFields(field.fields)
    if (field.type === 'tabs')
      return field.tabs.flatMap((tab) => (!('name' in tab) ? writtenTextFields(tab.fields) : []))
    const written = (field.type === 'textarea' || field.type === 'richText') && !field.admin?.hidden
    return written && !field.admin?.readOnly && !field.hidden ? [field.name] : []
  })
}
export const taskSlug = (recommendationsSlug: string) => `${recommendationsSlug}-refresh`

export function createInstance(
  config: Config,
  options: ResolvedMoreOnOptions,
  stories: CollectionConfig,
  tags: CollectionConfig,
): Instance {
  const idKind = (config.db as { defaultIDType?: string } | undefined)?.defaultIDType === 'text' ? 'text' : 'number'
  const drafts = typeof stories.versions === 'object' && stories.versions !== null && Boolean(stories.versions.drafts)
  const schedulePublish =
    drafts &&
    typeof stories.versions === 'object' &&
    typeof stories.versions?.drafts === 'object' &&
    Boolean(stories.versions.drafts.schedulePublish)
  const tagTitleField = tags.admin?.useAsTitle ?? 'id'
  const tagSlugField =
    options.tagSlugField && findField(tags.fields, options.tagSlugField) ? options.tagSlugField : undefined
  const storyTitle = stories.admin?.useAsTitle ?? 'id'
  // The headline suggestions read: the title field, or else a text field named `title`.
  const titleField = storyTitle !== 'id' ? storyTitle : findField(stories.fields, 'title') ? 'title' : undefined
  const cardSelect = options.cardSelect ?? {
    ...(storyTitle !== 'id' ? { [storyTitle]: true as const } : {}),
    ...(findField(stories.fields, 'slug') ? { slug: true as const } : {}),
    [options.publishedAtField]: true as const,
  }
  const toId = (value: unknown): ID | undefined => {
    const raw = value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value
    if (raw === null || raw === undefined || raw === '') return undefined
    if (idKind === 'text')
      return typeof raw === 'string' && /^[0-9a-f-]{36}$/i.test(raw) ? raw.toLowerCase() : undefined
    const number = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN
    return Number.isSafeInteger(number) && number > 0 && number <= 2_147_483_647 ? number : undefined
  }
  return {
    options,
    idKind,
    slugs: {
      stories: options.collection,
      tags: options.tagCollection,
      recommendations: options.recommendationsSlug,
      counts: countsSlug(options.recommendationsSlug),
      postings: postingsSlug(options.recommendationsSlug),
      phrases: phrasesSlug(options.recommendationsSlug),
      task: taskSlug(options.recommendationsSlug),
    },
    liveness: { publishedAt: options.publishedAtField, drafts },
    schedulePublish,
    tagTitleField,
    tagSlugField,
    cardSelect,
    settings: {
      listLength: options.listLength,
      threshold: options.threshold,
      fallbackUpTo: Math.min(options.fallbackUpTo, options.listLength),
      halfLifeDays: options.halfLifeDays,
      candidatesPerTag: options.candidatesPerTag,
    },
    suggestions: options.suggestions && {
      aliasesField: options.suggestions.aliasesField,
      limit: options.suggestions.limit,
      fields: options.suggestions.fields ?? [
        ...new Set([...(titleField ? [titleField] : []), ...writtenTextFields(stories.fields)]),
      ],
    },
    kindWeight: (kind) =>
      kind !== undefined && kind in options.kindWeights ? options.kindWeights[kind]! : options.defaultKindWeight,
    toId,
  }
}
