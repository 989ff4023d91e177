import { describe, expect, it } from '@jest/globals'
import type { Config } from 'payload'

import { moreOn } from '../../plugins/more-on'

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
      { slug: 'tags', fields: [{ name: 'name', type: 'text' }, { name: 'slug', type: 'text' }, { name: 'kind', type: 'select', options: ['person'] }] },
    ],
  }) as unknown as Config

describe('more-on options', () => {
  it('installs with no options on a config with articles and tags', () => {
    const config = moreOn()(baseConfig())
    expect(config.collections!.map((collection) => collection.slug)).toEqual(['articles', 'tags', 'recommendations', 'recommendations-tag-counts', 'recommendations-postings'])
    const articles = config.collections![0]!
    expect(articles.fields.map((field) => ('name' in field ? field.name : field.type))).toEqual(['title', 'row', 'tags', 'section', 'moreOn', 'relatedStories'])
    expect(articles.endpoints).toEqual([
      expect.objectContaining({ path: '/:id/more-on', method: 'get' }),
      expect.objectContaining({ path: '/:id/more-on/preview', method: 'get' }),
    ])
    const tags = config.collections![1]!
    expect(tags.fields.map((field) => ('name' in field ? field.name : field.type))).toEqual(['name', 'slug', 'kind', 'publishedCount'])
  })

  it('addresses its admin panel from the import map base directory, wherever the plugin lives', () => {
    const config = moreOn()({ ...baseConfig(), admin: { importMap: { baseDir: `${process.cwd()}/src` } } })
    const controls = config.collections![0]!.fields.find((field) => 'name' in field && field.name === 'moreOn') as { fields: { name?: string; admin?: { components?: { Field?: unknown } } }[] }
    expect(controls.fields[0]).toMatchObject({ name: 'preview', admin: { components: { Field: '../plugins/more-on/components/MoreOnPanel#MoreOnPanel' } } })
  })

  it('enabled: false leaves the config untouched', () => {
    const config = baseConfig()
    expect(moreOn({ enabled: false })(config)).toBe(config)
  })

  it.each([
    [{ listLength: 0 }, 'more-on: option "listLength" must be from 1 to 50'],
    [{ listLength: '6' }, 'more-on: option "listLength" Invalid input: expected number, received string'],
    [{ listLength: 2.5 }, 'more-on: option "listLength" must be a whole number'],
    [{ halfLifeDays: 0 }, 'more-on: option "halfLifeDays" must be more than 0'],
    [{ threshold: -1 }, 'more-on: option "threshold" must be 0 or more'],
    [{ kindWeights: { person: -2 } }, 'more-on: option "kindWeights.person" must be 0 or more'],
    [{ collection: 'Not a slug!' }, 'more-on: option "collection" must be a collection or field name such as "articles"'],
    [{ canRebuild: 'admins' }, 'more-on: option "canRebuild" must be a function'],
    [{ listLenght: 6 }, 'more-on: unknown option "listLenght"'],
  ])('refuses %j with a message naming the option', (options, message) => {
    expect(() => moreOn(options as never)(baseConfig())).toThrow(message)
  })

  it.each([
    [{ collection: 'posts' }, 'more-on: option "collection" names "posts", which is not a collection of this config'],
    [{ tagCollection: 'keywords' }, 'more-on: option "tagCollection" names "keywords", which is not a collection of this config'],
    [{ tagField: 'section' }, 'more-on: option "tagField" must name a hasMany relationship to "tags" on "articles"'],
    [{ publishedAtField: 'title' }, 'more-on: option "publishedAtField" must name a date field on "articles"'],
    [{ kindField: 'type' }, 'more-on: option "kindField" must name a select field on "tags", or be false'],
    [{ recommendationsSlug: 'tags' }, 'more-on: option "recommendationsSlug" "tags" is already a collection of this config'],
  ])('refuses %j when the config does not fit, naming the option', (options, message) => {
    expect(() => moreOn(options)(baseConfig())).toThrow(message)
  })
})
