import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import type { Article } from '../../src/payload-types'
import { makeArticle, paragraph } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let newsroom: TestNewsroom
let published: Article
let draft: Article
let scheduled: Article
let unpublished: Article
let publishedWithPendingDraft: Article
let linking: Article

const HOUR = 3_600_000

beforeAll(async () => {
  newsroom = await startTestNewsroom()
  const { payload } = newsroom
  published = await makeArticle(payload, { title: 'Visible story' })
  draft = await makeArticle(payload, { title: 'Secret draft', _status: 'draft', publishedAt: undefined })
  scheduled = await makeArticle(payload, {
    title: 'Embargoed story',
    publishedAt: new Date(Date.now() + 24 * HOUR).toISOString(),
  })
  unpublished = await makeArticle(payload, { title: 'Pulled story' })
  await payload.update({ collection: 'articles', id: unpublished.id, data: { _status: 'draft' }, overrideAccess: true })
  publishedWithPendingDraft = await makeArticle(payload, { title: 'Live headline' })
  await payload.update({
    collection: 'articles',
    id: publishedWithPendingDraft.id,
    draft: true,
    data: { title: 'Unreleased rewrite', _status: 'draft' },
    overrideAccess: true,
  })
  linking = await makeArticle(payload, {
    title: 'Story that links',
    body: [
      paragraph('See also:'),
      { type: 'relationship', relationTo: 'articles', value: { id: draft.id }, children: [{ text: '' }] },
      { type: 'relationship', relationTo: 'articles', value: { id: published.id }, children: [{ text: '' }] },
    ],
  })
  await payload.create({
    collection: 'comments',
    data: {
      article: draft.id,
      authorName: 'Reader',
      authorEmail: 'r@example.com',
      body: 'On a draft',
      status: 'approved',
    },
    overrideAccess: true,
  })
})
afterAll(() => newsroom?.destroy())

const hidden = () => [draft, scheduled, unpublished]
const titles = (docs: Array<{ title: string }>) => docs.map((doc) => doc.title).sort()

describe('the public sees published articles whose time has come, and nothing else', () => {
  it('REST list and count', async () => {
    const list = await newsroom.rest('GET', '/articles?limit=100')
    expect(titles(list.body.docs)).toEqual(['Live headline', 'Story that links', 'Visible story'])
    expect(list.body.totalDocs).toBe(3)
    const count = await newsroom.rest('GET', '/articles/count')
    expect(count.body.totalDocs).toBe(3)
  })

  it('REST by id is a 404 for drafts, scheduled and unpublished articles', async () => {
    expect((await newsroom.rest('GET', `/articles/${published.id}`)).status).toBe(200)
    for (const article of hidden()) {
      expect((await newsroom.rest('GET', `/articles/${article.id}`)).status).toBe(404)
      expect((await newsroom.rest('GET', `/articles/${article.id}?draft=true`)).status).toBe(404)
    }
  })

  it('REST filters by slug and draft=true find nothing hidden', async () => {
    for (const article of hidden()) {
      const bySlug = await newsroom.rest('GET', `/articles?where[slug][equals]=${article.slug}`)
      expect(bySlug.body.totalDocs).toBe(0)
      const counted = await newsroom.rest('GET', `/articles/count?where[slug][equals]=${article.slug}`)
      expect(counted.body.totalDocs).toBe(0)
    }
    const drafts = await newsroom.rest('GET', '/articles?draft=true&limit=100')
    expect(titles(drafts.body.docs)).toEqual(['Live headline', 'Story that links', 'Visible story'])
  })

  it('a published article with a newer draft shows the published version', async () => {
    const read = await newsroom.rest('GET', `/articles/${publishedWithPendingDraft.id}?draft=true`)
    expect(read.body.title).toBe('Live headline')
  })

  it('versions are not public', async () => {
    expect((await newsroom.rest('GET', '/articles/versions')).status).toBe(403)
  })

  it('GraphQL list, by id and count', async () => {
    const list = await newsroom.graphql('{ Articles(limit: 100) { totalDocs docs { title } } }')
    expect(titles(list.body.data.Articles.docs)).toEqual(['Live headline', 'Story that links', 'Visible story'])
    for (const article of hidden()) {
      const one = await newsroom.graphql('query($id: Int!) { Article(id: $id) { title } }', { id: article.id })
      expect(one.body.data?.Article ?? null).toBeNull()
      const bySlug = await newsroom.graphql(
        'query($slug: String) { Articles(where: { slug: { equals: $slug } }) { totalDocs } }',
        { slug: article.slug },
      )
      expect(bySlug.body.data.Articles.totalDocs).toBe(0)
    }
    const counted = await newsroom.graphql('{ countArticles { totalDocs } }')
    expect(counted.body.data.countArticles.totalDocs).toBe(3)
  })

  it('depth population from other documents never reveals a hidden article', async () => {
    // An approved comment on a draft is hidden with its article.
    const comments = await newsroom.rest('GET', '/comments?depth=2')
    expect(comments.body.docs).toHaveLength(0)
    const staff = await newsroom.rest('GET', '/comments?depth=2', { token: await newsroom.tokenFor('moderator') })
    expect(staff.body.docs).toHaveLength(1)

    const gql = await newsroom.graphql('{ Comments { docs { article { title } } } }')
    expect(JSON.stringify(gql.body)).not.toContain('Secret draft')

    const withBody = await newsroom.rest('GET', `/articles/${linking.id}?depth=2`)
    expect(JSON.stringify(withBody.body)).not.toContain('Secret draft')
    expect(withBody.body.bodyHtml).toContain('Visible story')
  })

  it('logged-in staff see everything', async () => {
    const token = await newsroom.tokenFor('editor')
    const list = await newsroom.rest('GET', '/articles?limit=100', { token })
    expect(list.body.totalDocs).toBe(6)
    for (const article of hidden()) {
      expect((await newsroom.rest('GET', `/articles/${article.id}`, { token })).status).toBe(200)
    }
  })

  it('a scheduled article appears once its time comes', async () => {
    await newsroom.payload.update({
      collection: 'articles',
      id: scheduled.id,
      data: { publishedAt: new Date(Date.now() - 1000).toISOString() },
      overrideAccess: true,
    })
    expect((await newsroom.rest('GET', `/articles/${scheduled.id}`)).status).toBe(200)
  })
})
