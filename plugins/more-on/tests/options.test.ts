import { describe, expect, it } from '@jest/globals'
import type { Config, Endpoint, Field } from 'payload'

import { moreOn } from '../src/index.js'

const baseConfig = (): Config =>
  ({
    secret: 'x',
    collections: [
      {
        slug: 'articles',
        fields: [
          { name: 'title', type: 'text' },
          { type: 'row', fields: [{ name: 'publishedAt', type: 'date' }] },
          { name: 'tags', type: 'relationship', relationTo: 'tags', hasMany: true },
          { name: 'section', type: 'relationship', relationTo: 'sections' },
        ],
      },
      {
        slug: 'tags',
        fields: [
          { name: 'name', type: 'text' },
          { name: 'slug', type: 'text' },
          { name: 'kind', type: 'select', options: ['person'] },
        ],
      },
    ],
  }) as unknown as Config

const withPosts = (): Config => {
  const config = baseConfig()
  return {
    ...config,
    collections: [
      ...config.collections!,
      {
        slug: 'posts',
        fields: [
          { name: 'title', type: 'text' },
          { name: 'publishedAt', type: 'date' },
          { name: 'tags', type: 'relationship', relationTo: 'tags', hasMany: true },
        ],
      },
    ],
  } as Config
}

describe('more-on options', () => {
  const names = (fields: Field[]) => fields.map((field) => ('name' in field ? field.name : field.type))

  it('installs with no options on a config with articles and tags', () => {
    const config = moreOn()(baseConfig())
    expect(config.collections!.map((collection) => collection.slug)).toEqual([
      'articles',
      'tags',
      'recommendations',
      'recommendations-tag-counts',
      'recommendations-postings',
      'recommendations-tag-phrases',
    ])
    const articles = config.collections![0]!
    expect(names(articles.fields)).toEqual([
      'title',
      'row',
      'tags',
      'tagsSuggestions',
      'section',
      'moreOn',
      'relatedStories',
    ])
    expect(articles.endpoints).toEqual([
      expect.objectContaining({ path: '/:id/more-on', method: 'get' }),
      expect.objectContaining({ path: '/:id/more-on/preview', method: 'get' }),
      expect.objectContaining({ path: '/tag-suggestions', method: 'post' }),
    ])
    const tags = config.collections![1]!
    expect(names(tags.fields)).toEqual(['name', 'slug', 'kind', 'aliases', 'publishedCount'])
    expect(tags.endpoints).toEqual([expect.objectContaining({ path: '/:tag/articles', method: 'get' })])
    expect(config.jobs!.tasks!.map((task) => task.slug)).toEqual(['recommendations-refresh'])
  })

  it('names its admin panel by package path, as the import map resolves it from node_modules', () => {
    const config = moreOn()(baseConfig())
    const controls = config.collections![0]!.fields.find((field) => 'name' in field && field.name === 'moreOn') as {
      fields: Field[]
    }
    expect(controls.fields[0]).toMatchObject({
      name: 'preview',
      admin: { components: { Field: 'payload-plugin-more-on/client#MoreOnPanel' } },
    })
  })

  it('enabled: false keeps the schema (collections, fields, the task) and adds no hooks, endpoints or queries', () => {
    const on = moreOn()(baseConfig())
    const off = moreOn({ enabled: false })(baseConfig())
    const dataFields = (fields: Field[]) => names(fields.filter((field) => field.type !== 'ui'))
    expect(off.collections!.map((collection) => [collection.slug, dataFields(collection.fields)])).toEqual(
      on.collections!.map((collection) => [collection.slug, dataFields(collection.fields)]),
    )
    expect(off.jobs!.tasks!.map((task) => task.slug)).toEqual(['recommendations-refresh'])
    expect(off.collections![0]!.hooks).toBeUndefined()
    expect(off.collections![0]!.endpoints).toBeUndefined()
    expect(off.collections![1]!.endpoints).toBeUndefined()
    expect(off.graphQL?.queries).toBeUndefined()
    expect(off.jobs!.autoRun).toBeUndefined()
  })

  it('suggestions: false adds no aliases, phrase table, row or endpoint; a text hasMany field of yours is used', () => {
    const off = moreOn({ suggestions: false })(baseConfig())
    expect(off.collections!.map((collection) => collection.slug)).not.toContain('recommendations-tag-phrases')
    expect(names(off.collections![0]!.fields)).not.toContain('tagsSuggestions')
    expect(names(off.collections![1]!.fields)).not.toContain('aliases')
    expect((off.collections![0]!.endpoints as Endpoint[]).map((endpoint) => endpoint.path)).not.toContain(
      '/tag-suggestions',
    )
    const config = baseConfig()
    config.collections![1]!.fields.push({ name: 'otherNames', type: 'text', hasMany: true })
    const own = moreOn({ suggestions: { aliasesField: 'otherNames' } })(config)
    expect(names(own.collections![1]!.fields)).toEqual(['name', 'slug', 'kind', 'otherNames', 'publishedCount'])
    const row = own.collections![0]!.fields.find((field) => 'name' in field && field.name === 'tagsSuggestions')
    expect(row).toMatchObject({
      type: 'ui',
      admin: {
        components: {
          Field: {
            path: 'payload-plugin-more-on/client#TagSuggestions',
            clientProps: { tagField: 'tags', fields: ['title'] },
          },
        },
      },
    })
  })

  it('runs its queue with Payload’s autoRun unless the config already does, or it is told not to', () => {
    expect(moreOn()(baseConfig()).jobs!.autoRun).toEqual([{ cron: '* * * * *', limit: 10, queue: 'default' }])
    expect(moreOn({ queue: 'more-on', autoRun: { cron: '*/5 * * * * *' } })(baseConfig()).jobs!.autoRun).toEqual([
      { cron: '*/5 * * * * *', limit: 10, queue: 'more-on' },
    ])
    const running = { ...baseConfig(), jobs: { tasks: [], autoRun: [{ cron: '0 * * * *', queue: 'default' }] } }
    expect(moreOn()(running).jobs!.autoRun).toEqual([{ cron: '0 * * * *', queue: 'default' }])
    expect(moreOn({ autoRun: false })(baseConfig()).jobs!.autoRun).toBeUndefined()
  })

  it('two instances side by side: on two collections, sharing the tags, each with names of its own', () => {
    const config = withPosts()
    const both = moreOn({ collection: 'posts', recommendationsSlug: 'related-posts', tagCountField: 'publishedPosts' })(
      moreOn()(config),
    )
    expect(both.collections!.map((collection) => collection.slug)).toEqual([
      'articles',
      'tags',
      'posts',
      'recommendations',
      'recommendations-tag-counts',
      'recommendations-postings',
      'recommendations-tag-phrases',
      'related-posts',
      'related-posts-tag-counts',
      'related-posts-postings',
      'related-posts-tag-phrases',
    ])
    // One aliases field, which both instances' suggestions read.
    expect(names(both.collections![1]!.fields)).toEqual([
      'name',
      'slug',
      'kind',
      'aliases',
      'publishedCount',
      'publishedPosts',
    ])
    expect(both.jobs!.tasks!.map((task) => task.slug)).toEqual(['recommendations-refresh', 'related-posts-refresh'])
  })

  it.each([
    [
      { collection: 'posts', recommendationsSlug: 'related-posts' },
      'more-on: option "tagCountField" "publishedCount" is already a field of "tags"',
    ],
    [
      { recommendationsSlug: 'more-recommendations', tagCountField: 'other' },
      'more-on: option "collection" "articles" already has a more-on instance',
    ],
  ])('a second instance that would clash fails at start-up, naming the option: %j', (second, message) => {
    expect(() => moreOn(second)(moreOn()(withPosts()))).toThrow(message)
  })

  it.each([
    [{ listLength: 0 }, 'more-on: option "listLength" must be from 1 to 50'],
    [{ listLength: '6' }, 'more-on: option "listLength" Invalid input: expected number, received string'],
    [{ listLength: 2.5 }, 'more-on: option "listLength" must be a whole number'],
    [{ halfLifeDays: 0 }, 'more-on: option "halfLifeDays" must be more than 0'],
    [{ threshold: -1 }, 'more-on: option "threshold" must be 0 or more'],
    [{ fallbackUpTo: -1 }, 'more-on: option "fallbackUpTo" must be from 0 to 50'],
    [{ suggestions: true }, 'more-on: option "suggestions" must be false, or { aliasesField, fields, limit }'],
    [{ suggestions: { limit: 0 } }, 'more-on: option "suggestions.limit" must be from 1 to 50'],
    [{ kindWeights: { person: -2 } }, 'more-on: option "kindWeights.person" must be 0 or more'],
    [
      { collection: 'Not a slug!' },
      'more-on: option "collection" must be a collection or field name such as "articles"',
    ],
    [{ canRebuild: 'admins' }, 'more-on: option "canRebuild" must be a function'],
    [{ listLenght: 6 }, 'more-on: unknown option "listLenght"'],
    [{ graphQL: { name: 'x' } }, 'more-on: option "graphQL" must be false, or { queryName } with a GraphQL name'],
    [{ autoRun: 'yes' }, 'more-on: option "autoRun" must be true, false, or { cron, limit }'],
  ])('refuses %j with a message naming the option', (options, message) => {
    expect(() => moreOn(options as never)(baseConfig())).toThrow(message)
  })

  it.each([
    [{ collection: 'posts' }, 'more-on: option "collection" names "posts", which is not a collection of this config'],
    [
      { tagCollection: 'keywords' },
      'more-on: option "tagCollection" names "keywords", which is not a collection of this config',
    ],
    [{ tagField: 'section' }, 'more-on: option "tagField" must name a hasMany relationship to "tags" on "articles"'],
    [{ publishedAtField: 'title' }, 'more-on: option "publishedAtField" must name a date field on "articles"'],
    [{ kindField: 'type' }, 'more-on: option "kindField" must name a select field on "tags", or be false'],
    [
      { recommendationsSlug: 'tags' },
      'more-on: option "recommendationsSlug" "tags" is already a collection of this config',
    ],
    [
      { suggestions: { fields: ['title', 'lede'] } },
      'more-on: option "suggestions.fields" "lede" is not a field of "articles"',
    ],
    [
      { suggestions: { aliasesField: 'name' } },
      'more-on: option "suggestions.aliasesField" "name" is a field of "tags" that is not text with hasMany',
    ],
  ])('refuses %j when the config does not fit, naming the option', (options, message) => {
    expect(() => moreOn(options)(baseConfig())).toThrow(message)
  })
})
