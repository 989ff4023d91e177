import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig, getPayload, type CollectionSlug, type Payload, type SanitizedConfig } from 'payload'

import { comments, commentsOptionsSchema } from '../../plugins/comments'
import { DEFAULT_POOL_SETTINGS } from '../../src/db/pool'
import { closeDatabasePool, newsroomDatabase } from '../../src/db/postgresAdapter'
import { createTestDatabase } from '../helpers/database'
import { restCaller } from '../helpers/rest'

/**
 * The comments plugin on a schema that is not the newsroom's: a `stories` collection without drafts, stored in a
 * table of another name, with roles of its own. Nothing in the plugin may assume articles.
 */
const STORIES = 'stories' as CollectionSlug
const isEditor = (req: { user?: unknown }) => (req.user as { editor?: boolean } | null)?.editor === true

async function storyConfig(databaseURI: string): Promise<SanitizedConfig> {
  return buildConfig({
    secret: 'comments-plugin-test-secret',
    telemetry: false,
    // The app's adapter, whose pool gives every connection back on destroy; the schema is what is under test.
    db: newsroomDatabase({ uri: databaseURI, pool: DEFAULT_POOL_SETTINGS, migrationDir: '', push: true }),
    collections: [
      {
        slug: 'people',
        auth: true,
        fields: [{ name: 'editor', type: 'checkbox' }],
      },
      {
        slug: 'stories',
        dbName: 'tales',
        access: { read: ({ req }) => Boolean(req.user) || { visible: { equals: true } } },
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'visible', type: 'checkbox', defaultValue: true },
          { name: 'postedOn', type: 'date' },
        ],
      },
    ],
    plugins: [
      comments({
        collection: 'stories',
        publishedAtField: 'postedOn',
        canModerate: isEditor,
        readerAddress: (req) => req.headers.get('x-test-address') ?? 'unknown',
      }),
    ],
  })
}

let payload: Payload
let rest: ReturnType<typeof restCaller>
let editorToken: string

beforeAll(async () => {
  const config = storyConfig(await createTestDatabase())
  payload = await getPayload({ config, key: 'comments-plugin' })
  rest = restCaller(config)
  const credentials = { email: 'editor@stories.test', password: 'stories-password-1' }
  await payload.create({ collection: 'people' as CollectionSlug, data: { ...credentials, editor: true } as never })
  editorToken = (await rest('POST', '/people/login', { body: credentials })).body.token
})
afterAll(async () => {
  const adapter = payload?.db as unknown as PostgresAdapter
  await payload?.destroy()
  if (adapter) await closeDatabasePool(adapter)
})

const story = async (data: Record<string, unknown> = {}) =>
  (await payload.create({
    collection: STORIES,
    data: { title: 'A story', postedOn: new Date().toISOString(), ...data } as never,
  })) as unknown as {
    id: number
  }
const post = (storyId: number, body: string, email = 'reader@stories.test') =>
  rest('POST', '/comments', {
    body: { article: storyId, authorName: 'Reader', authorEmail: email, body },
    headers: { 'x-test-address': email },
  })
const countOf = async (id: number) =>
  ((await payload.findByID({ collection: STORIES, id, depth: 0 })) as unknown as { commentCount: number }).commentCount

describe('the comments plugin on any collection', () => {
  it('adds the discussion fields, the count and the thread route to the commented collection', async () => {
    const created = await story()
    expect(created).toMatchObject({ discussion: { status: 'open', moderation: 'post' }, commentCount: 0 })
    expect((await rest('GET', `/stories/${created.id}/comments`)).body).toMatchObject({ docs: [], totalDocs: 0 })
  })

  it('keeps the count of approved comments in a table it found by itself, without versions', async () => {
    const target = await story()
    const first = await post(target.id, 'First words')
    expect(first.status).toBe(201)
    expect(first.body.doc.status).toBe('pending')
    const approve = await rest('PATCH', `/comments/${first.body.doc.id}`, {
      token: editorToken,
      body: { status: 'approved' },
    })
    expect(approve.status).toBe(200)
    expect(await countOf(target.id)).toBe(1)
    // A known commenter's next comment is published at once, and counted.
    expect((await post(target.id, 'Second words')).body.doc.status).toBe('approved')
    expect(await countOf(target.id)).toBe(2)
    const thread = await rest('GET', `/stories/${target.id}/comments`)
    expect(thread.body.docs.map((doc: { body: string }) => doc.body)).toEqual(['Second words', 'First words'])
  })

  it('lets the public read only the comments of stories the collection lets it read', async () => {
    const hidden = await story({ visible: false })
    await rest('POST', '/comments', {
      token: editorToken,
      body: {
        article: hidden.id,
        authorName: 'Staff',
        authorEmail: 'staff@stories.test',
        body: 'Hidden',
        status: 'approved',
      },
    })
    const publicRead = await rest('GET', `/comments?where[article][equals]=${hidden.id}`)
    expect(publicRead.body.totalDocs).toBe(0)
    const staffRead = await rest('GET', `/comments?where[article][equals]=${hidden.id}`, { token: editorToken })
    expect(staffRead.body.totalDocs).toBe(1)
    expect((await post(hidden.id, 'Can I?')).status).toBe(404)
  })

  it('uses the access checks it is given: a reader may not moderate', async () => {
    const target = await story()
    const comment = (await post(target.id, 'Moderate me', 'another@stories.test')).body.doc
    expect((await rest('PATCH', `/comments/${comment.id}`, { body: { status: 'approved' } })).status).toBe(403)
    expect((await rest('GET', '/comments/by-email?email=another@stories.test')).status).toBe(401)
  })

  it('deletes a story’s comments with it', async () => {
    const doomed = await story()
    await post(doomed.id, 'Soon gone', 'third@stories.test')
    await payload.delete({ collection: STORIES, id: doomed.id })
    const left = await payload.count({ collection: 'comments', where: { article: { equals: doomed.id } } })
    expect(left.totalDocs).toBe(0)
  })
})

describe('its options', () => {
  const apply = (options: Parameters<typeof comments>[0]) =>
    comments(options)({ collections: [{ slug: 'articles', fields: [] }], secret: 'x' } as never)

  it('name the option at fault', () => {
    expect(() => apply({ collection: 'Not A Slug' })).toThrow('comments: option "collection" must be a collection slug')
    expect(() => apply({ canModerate: 'admins' as never })).toThrow('option "canModerate" must be a function')
    expect(() => apply({ colection: 'stories' } as never)).toThrow('unknown option "colection"')
    expect(commentsOptionsSchema.parse({}).collection).toBe('articles')
  })

  it('refuse a collection the config does not have', () => {
    expect(() => apply({ collection: 'posts' })).toThrow(
      'comments: option "collection" names "posts", which is not a collection of this config',
    )
  })
})
