import { describe, expect, it } from '@jest/globals'

import { checkGraphQLBody } from '../../src/http/graphqlRules'
import { LIMITS } from '../../src/http/limits'
import { checkRestRequest, type RestSchema } from '../../src/http/restRules'
import { parseSerialId } from '../../plugins/shared/serialId'
import { plainText } from '../../plugins/shared/plainText'
import { slugify } from '../../collections/fields/slugify'

const schema: RestSchema = {
  globals: new Set(),
  collections: new Map([
    [
      'posts',
      {
        idKind: 'serialId',
        endpoints: [
          { method: 'get', segments: [':id', 'related'] },
          { method: 'get', segments: [':tag', 'by-tag'] },
          { method: 'get', segments: ['feed'] },
        ],
        fields: new Map([
          ['title', { kind: 'text' }],
          ['views', { kind: 'number' }],
          ['topic', { kind: 'serialId', target: 'topics' }],
          ['meta', { kind: 'other', children: new Map([['featured', { kind: 'boolean' }]]) }],
        ]),
      },
    ],
    [
      'topics',
      {
        idKind: 'serialId',
        endpoints: [],
        fields: new Map([
          ['name', { kind: 'text' }],
          ['since', { kind: 'date' }],
        ]),
      },
    ],
  ]),
} as RestSchema

const get = (segments: string[], query: Record<string, unknown> = {}) =>
  checkRestRequest({ method: 'GET', segments, query }, schema)

describe('ids', () => {
  it('are whole numbers from 1 to 2^31 - 1, written plainly', () => {
    expect(['1', '42', '2147483647', 7].map(parseSerialId)).toEqual([1, 42, 2147483647, 7])
    expect(['0', '-1', '1.5', '1e3', '01', '2147483648', ' 1', '', null, 1.5].map(parseSerialId)).toEqual(
      Array(10).fill(undefined),
    )
  })

  it('are checked where routes take them, and nowhere else', () => {
    expect(get(['posts', '12'])).toBeUndefined()
    expect(get(['posts', '1.5'])?.field).toBe('id')
    expect(get(['posts', 'x', 'related'])?.field).toBe('id')
    expect(get(['posts', 'some-slug', 'by-tag'])).toBeUndefined()
    expect(get(['posts', 'feed'])).toBeUndefined()
    expect(get(['posts', 'count'])).toBeUndefined()
    expect(get(['posts', 'versions', 'x'])?.field).toBe('id')
    expect(get(['unknown', 'x'])).toBeUndefined()
  })
})

describe('paging', () => {
  it('takes whole numbers in range, as query text or as a method override body’s JSON numbers', () => {
    expect(get(['posts'], { limit: '10', depth: '2' })).toBeUndefined()
    expect(get(['posts', '12'], { depth: 1 })).toBeUndefined()
    expect(get(['posts'], { depth: 1.5 })?.field).toBe('depth')
    expect(get(['posts'], { depth: String(LIMITS.depth + 1) })?.field).toBe('depth')
    expect(get(['posts'], { limit: 0 })?.field).toBe('limit')
  })
})

describe('where', () => {
  it('is judged by the kind of each field, through groups and relationships', () => {
    expect(
      get(['posts'], {
        where: { views: { greater_than: '10' }, 'topic.name': { like: 'x' }, 'meta.featured': { equals: 'true' } },
      }),
    ).toBeUndefined()
    expect(get(['posts'], { where: { views: { greater_than: 'ten' } } })?.field).toBe('where[views][greater_than]')
    expect(get(['posts'], { where: { 'topic.since': { less_than: 'soon' } } })?.field).toBe(
      'where[topic.since][less_than]',
    )
    expect(get(['posts'], { where: { 'meta.featured': { equals: 'yes' } } })?.field).toBe(
      'where[meta.featured][equals]',
    )
    expect(get(['posts'], { where: { topic: { like: 'x' } } })?.field).toBe('where[topic][like]')
    expect(get(['posts'], { where: { 'topic.id': { in: ['1', 'x'] } } })?.field).toBe('where[topic.id][in]')
  })

  it('leaves paths it does not know to Payload', () => {
    expect(get(['posts'], { where: { unknown: { equals: 'x' } } })).toBeUndefined()
  })

  it('counts conditions and nesting', () => {
    const wide = {
      or: Array.from({ length: LIMITS.whereClauses + 1 }, (_, index) => ({ title: { equals: String(index) } })),
    }
    expect(get(['posts'], { where: wide })?.message).toContain('conditions')
    let deep: Record<string, unknown> = { title: { equals: 'x' } }
    for (let level = 0; level <= LIMITS.whereNesting; level++) deep = { and: [deep] }
    expect(get(['posts'], { where: deep })?.message).toContain('deep')
  })
})

describe('GraphQL cost', () => {
  const check = (query: string, introspection = false) => checkGraphQLBody(JSON.stringify({ query }), { introspection })

  it('expands each fragment once, however often it is spread', () => {
    const chain = ['fragment F0 on Post { id }']
    for (let level = 1; level <= 60; level++)
      chain.push(`fragment F${level} on Post { ...F${level - 1} ...F${level - 1} }`)
    // Expanded naively, this is 2^60 selections: the check would never return.
    expect(check(`{ Posts { docs { ...F60 } } } ${chain.join(' ')}`)?.message).toContain('fields')
  })

  it('lets an ordinary query through, and introspection only when asked for', () => {
    expect(
      check('query Front($limit: Int) { Posts(limit: $limit) { docs { id title topic { name } } } }'),
    ).toBeUndefined()
    expect(check('{ __schema { types { name } } }')?.message).toContain('introspection')
    expect(check('{ __schema { types { name } } }', true)).toBeUndefined()
  })
})

describe('text', () => {
  it('keeps what a reader sees, without hidden controls and direction marks', () => {
    expect(plainText(' Evil\u202Egnp.exe\u0000\u200F ')).toBe('Evilgnp.exe')
    expect(plainText('Line one\nline two\tend')).toBe('Line one\nline two\tend')
  })

  it('slugs every script', () => {
    expect(['Élysée Palace', 'Владимир Путин', 'नरेन्द्र मोदी', '서울', 'Haiti & Co'].map(slugify)).toEqual([
      'elysee-palace',
      'владимир-путин',
      'नरेन्द्र-मोदी',
      '서울',
      'haiti-and-co',
    ])
  })
})
