import type { PostgresAdapter } from '@payloadcms/db-postgres'

import type { Instance } from '../instance.js'

/** Table and column names, read from the schema Payload built (so any collection and field names work). */
export type StoreNames = {
  stories: string
  rels: string
  tags: string
  recommendations: string
  counts: string
  postings: string
  /** The tag suggestions' phrase table, the tags' title column and the table of their aliases (hasMany text). */
  phrases: string
  tagTitle: string | undefined
  tagTexts: string | undefined
  aliasesPath: string
  publishedAt: string
  createdAt: string
  status: string | undefined
  mode: string
  neverAutoLink: string
  relTag: string
  relStory: string
  kind: string | undefined
  tagPath: string
  pinnedPath: string
  excludedPath: string
  originEnum: string
}

const snakeCase = (name: string) =>
  name
    .replace(/-/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()

/** The Postgres enum of a select field Payload names by default. */
export const originEnumName = (recommendationsSlug: string) => `enum_${snakeCase(recommendationsSlug)}_origin`

export function resolveNames(adapter: PostgresAdapter, instance: Instance): StoreNames {
  const { options, slugs } = instance
  const tableName = (slug: string) => adapter.tableNameMap.get(snakeCase(slug)) ?? snakeCase(slug)
  const column = (table: string, key: string) => {
    const found = (adapter.tables[table] as Record<string, { name?: string }> | undefined)?.[key]?.name
    if (!found) throw new Error(`more-on: no column for "${key}" in table "${table}"`)
    return found
  }
  const stories = tableName(slugs.stories)
  const rels = `${stories}_rels`
  const tags = tableName(slugs.tags)
  return {
    stories,
    rels,
    tags,
    recommendations: tableName(slugs.recommendations),
    counts: tableName(slugs.counts),
    postings: tableName(slugs.postings),
    phrases: tableName(slugs.phrases),
    // A title that is not a column of the tags' table (virtual, or nested) leaves suggestions to the aliases.
    tagTitle: (adapter.tables[tags] as Record<string, { name?: string }> | undefined)?.[instance.tagTitleField]?.name,
    tagTexts: adapter.tables[`${tags}_texts`] ? `${tags}_texts` : undefined,
    aliasesPath: instance.suggestions ? instance.suggestions.aliasesField : 'aliases',
    publishedAt: column(stories, options.publishedAtField),
    createdAt: column(stories, 'createdAt'),
    status: instance.liveness.drafts ? column(stories, '_status') : undefined,
    mode: column(stories, 'moreOn_mode'),
    neverAutoLink: column(stories, 'moreOn_neverAutoLink'),
    relTag: column(rels, `${slugs.tags}ID`),
    relStory: column(rels, `${slugs.stories}ID`),
    kind: options.kindField ? column(tags, options.kindField) : undefined,
    tagPath: options.tagField,
    pinnedPath: 'moreOn.pinned',
    excludedPath: 'moreOn.excluded',
    originEnum: originEnumName(slugs.recommendations),
  }
}
