import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { SOCKET_ADDRESS_HEADER } from '../../src/http/clientAddress'
import { FRESHNESS_KEYS } from '../../src/site/freshness/keys'
import { bumpVersions, readVersions } from '../../src/site/freshness/db'
import { LISTS_NAMED_AT_MOST, listsChanged } from '../../src/site/freshness/hooks'
import { articlePage, frontPage, sitemapPage, tagPage } from '../../src/site/pages'
import { commitTransaction, createLocalReq, initTransaction, killTransaction } from 'payload'
import { createTestDatabase } from '../helpers/database'
import { makeArticle, makeSection, makeTag, paragraph } from '../helpers/fixtures'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

/**
 * The reader site's content as its pages get it: always the public's view, cached, and fresh on the very next read
 * after any change a page shows, whichever app instance made it.
 */
let newsroom: TestNewsroom
/** A second app instance on the same database, with a cache of its own. */
let other: TestNewsroom
const pool = () => (newsroom.payload.db as unknown as PostgresAdapter).drizzle

beforeAll(async () => {
  const databaseURI = await createTestDatabase()
  newsroom = await startTestNewsroom({ databaseURI })
  other = await startTestNewsroom({ databaseURI, instanceKey: 'reader-site-second-instance' })
})
afterAll(async () => {
  await other?.destroy()
  await newsroom?.destroy()
})

const slugOf = (article: { slug?: string | null }) => article.slug!
const titlesOnPage = async (instance: TestNewsroom, slug: string) =>
  (await articlePage(instance.payload, slug)).article?.moreOn.map((card) => card.title)

describe('the reader site’s content', () => {
  it('serves a hit from memory while nothing it shows changed', async () => {
    const story = await makeArticle(newsroom.payload)
    const first = await articlePage(newsroom.payload, slugOf(story))
    expect(first.article?.title).toBe(story.title)
    expect(await articlePage(newsroom.payload, slugOf(story))).toBe(first)
  })

  it('a follow-up published through the API is in the older story’s block at once, on any instance', async () => {
    const tag = await makeTag(newsroom.payload, undefined, 'person')
    const older = await makeArticle(newsroom.payload, { tags: [tag.id] })
    expect(await titlesOnPage(newsroom, slugOf(older))).toEqual([])
    expect(await titlesOnPage(other, slugOf(older))).toEqual([])

    const section = await makeSection(newsroom.payload)
    const created = await newsroom.rest('POST', '/articles', {
      token: await newsroom.tokenFor('editor'),
      body: {
        title: 'The follow-up',
        standfirst: 'What happened next.',
        section: section.id,
        tags: [tag.id],
        _status: 'published',
      },
    })
    expect(created.status).toBe(201)
    expect(await titlesOnPage(newsroom, slugOf(older))).toEqual(['The follow-up'])
    expect(await titlesOnPage(other, slugOf(older))).toEqual(['The follow-up'])
  })

  it('a card’s new headline shows at once on the pages that show the card', async () => {
    const tag = await makeTag(newsroom.payload, undefined, 'event')
    const older = await makeArticle(newsroom.payload, { tags: [tag.id] })
    const newer = await makeArticle(newsroom.payload, { tags: [tag.id], publishedAt: new Date().toISOString() })
    expect(await titlesOnPage(other, slugOf(older))).toEqual([newer.title])
    await newsroom.rest('PATCH', `/articles/${newer.id}`, {
      token: await newsroom.tokenFor('editor'),
      body: { title: 'A better headline' },
    })
    expect(await titlesOnPage(other, slugOf(older))).toEqual(['A better headline'])
  })

  it('a comment shows once approved and goes once removed; a pending one never shows', async () => {
    const story = await makeArticle(newsroom.payload, { discussion: { status: 'open', moderation: 'pre' } })
    const thread = async () => (await articlePage(other.payload, slugOf(story))).article!.comments.map((c) => c.body)
    expect(await thread()).toEqual([])
    const posted = await newsroom.rest('POST', '/comments', {
      body: { article: story.id, authorName: 'Reader', authorEmail: 'reader@example.com', body: 'First!' },
      headers: { [SOCKET_ADDRESS_HEADER]: '198.51.100.7' },
    })
    expect(posted.status).toBe(201)
    expect(await thread()).toEqual([])
    const moderator = await newsroom.tokenFor('moderator')
    await newsroom.rest('PATCH', `/comments/${posted.body.doc.id}`, { token: moderator, body: { status: 'approved' } })
    expect(await thread()).toEqual(['First!'])
    const page = await articlePage(other.payload, slugOf(story))
    expect(JSON.stringify(page)).not.toContain('reader@example.com')
    await newsroom.rest('DELETE', `/comments/${posted.body.doc.id}`, { token: moderator })
    expect(await thread()).toEqual([])
  })

  it('a draft or an unknown slug has no page; published, it has one on the next read', async () => {
    const draft = await makeArticle(newsroom.payload, { _status: 'draft', title: 'Not yet', publishedAt: undefined })
    expect((await articlePage(other.payload, slugOf(draft))).article).toBeNull()
    expect((await articlePage(other.payload, 'no-such-story')).article).toBeNull()
    await newsroom.rest('PATCH', `/articles/${draft.id}`, {
      token: await newsroom.tokenFor('editor'),
      body: { _status: 'published' },
    })
    expect((await articlePage(other.payload, slugOf(draft))).article?.title).toBe('Not yet')
  })

  it('a story scheduled a moment ahead appears by itself when its time comes, with no write', async () => {
    const tag = await makeTag(newsroom.payload)
    const soon = await makeArticle(newsroom.payload, {
      tags: [tag.id],
      publishedAt: new Date(Date.now() + 1500).toISOString(),
    })
    expect((await articlePage(other.payload, slugOf(soon))).article).toBeNull()
    const listed = async () => {
      const page = await tagPage(other.payload, tag.slug!, 1)
      return page.subject ? page.listing.totalDocs : -1
    }
    expect(await listed()).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 1700))
    expect((await articlePage(other.payload, slugOf(soon))).article?.title).toBe(soon.title)
    expect(await listed()).toBe(1)
  })

  it('the front page and the sitemap list only public stories; a new one is there on the next read', async () => {
    const draft = await makeArticle(newsroom.payload, { _status: 'draft', publishedAt: undefined })
    const front = await frontPage(other.payload)
    const everywhere = JSON.stringify([front, await sitemapPage(other.payload)])
    expect(everywhere).not.toContain(draft.title)
    const fresh = await makeArticle(newsroom.payload, { publishedAt: new Date().toISOString() })
    expect((await frontPage(other.payload)).lead?.title).toBe(fresh.title)
    expect((await sitemapPage(other.payload)).articles.map((article) => article.slug)).toContain(fresh.slug)
  })

  it('the site’s name names the block, and a new name shows at once', async () => {
    const story = await makeArticle(newsroom.payload)
    expect((await articlePage(other.payload, slugOf(story))).site.name).toBe('The Newsroom')
    await newsroom.payload.updateGlobal({ slug: 'site', data: { name: 'The Calder Ledger' } })
    expect((await articlePage(other.payload, slugOf(story))).site.name).toBe('The Calder Ledger')
  })

  it('an article’s body, picture credit and tags reach its page as the public reads them', async () => {
    const tag = await makeTag(newsroom.payload, 'Harbour Board', 'organisation')
    const story = await makeArticle(newsroom.payload, {
      tags: [tag.id],
      body: [paragraph('First paragraph.'), { type: 'h2', children: [{ text: 'A subhead' }] }],
      dateline: { place: 'Port Alder' },
      corrections: [{ date: new Date().toISOString(), text: 'An earlier version misnamed the board.' }],
    })
    const { article } = await articlePage(other.payload, slugOf(story))
    expect(article?.bodyHtml).toContain('<h2>A subhead</h2>')
    expect(article?.tags.map((shown) => shown.name)).toEqual(['Harbour Board'])
    expect(article?.dateline.place).toBe('Port Alder')
    expect(article?.corrections).toHaveLength(1)
  })

  it('versions are bumped in the change’s own transaction: a rolled-back save bumps nothing', async () => {
    const story = await makeArticle(newsroom.payload)
    const key = FRESHNESS_KEYS.article(story.id)
    const version = async () => (await readVersions(pool(), [key])).get(key)
    const before = await version()
    const req = await createLocalReq({}, newsroom.payload)
    await initTransaction(req)
    await newsroom.payload.update({ collection: 'articles', id: story.id, data: { title: 'Never kept' }, req })
    await killTransaction(req)
    expect(await version()).toBe(before)
    await newsroom.payload.update({ collection: 'articles', id: story.id, data: { title: 'Kept' } })
    expect(await version()).toBe(before! + 1)
  })

  it('a report of changed lists waits for no save in progress, and cannot deadlock with one', async () => {
    const [held, free] = [await makeArticle(newsroom.payload), await makeArticle(newsroom.payload)]
    const [heldKey, freeKey] = [FRESHNESS_KEYS.article(held.id), FRESHNESS_KEYS.article(free.id)]
    const versions = async () => {
      const read = await readVersions(pool(), [heldKey, freeKey])
      return [read.get(heldKey)!, read.get(freeKey)!]
    }
    const before = await versions()
    // A save in progress holds the first key, and will bump the second after the report has started.
    const save = await createLocalReq({}, newsroom.payload)
    await initTransaction(save)
    await bumpVersions(save, [heldKey])
    const report = listsChanged([held.id, free.id], await createLocalReq({}, newsroom.payload))
    for (let tries = 0; (await versions())[1] === before[1]; tries++) {
      expect(tries).toBeLessThan(100)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    expect(await versions()).toEqual([before[0], before[1]! + 1])
    await bumpVersions(save, [freeKey])
    await commitTransaction(save)
    await report
    expect(await versions()).toEqual([before[0]! + 2, before[1]! + 2])
  })

  it('a report of more changed lists than it pays to name (a rebuild’s) makes every article page fresh', async () => {
    const story = await makeArticle(newsroom.payload)
    const first = await articlePage(other.payload, slugOf(story))
    expect(await articlePage(other.payload, slugOf(story))).toBe(first)
    const unnamed = Array.from({ length: LISTS_NAMED_AT_MOST + 1 }, (_, index) => story.id + 1000 + index)
    await listsChanged(unnamed, await createLocalReq({}, newsroom.payload))
    expect(await articlePage(other.payload, slugOf(story))).not.toBe(first)
  })
})
