/**
 * Counters and slugs under parallel writes: a save never writes back a count it read, parallel reports are all
 * counted, and parallel creates with one headline get distinct slugs.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { SOCKET_ADDRESS_HEADER } from '../../src/http/clientAddress'
import { within } from '../helpers/concurrency'
import { makeArticle, makeSection } from '../helpers/fixtures'
import { countMismatches } from '../helpers/invariants'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

describe('counters and slugs under parallel writes', () => {
  /** A comment written directly (as staff would), in the given state. */
  const commentOn = (article: number, authorEmail: string, status: 'pending' | 'approved', body: string) =>
    newsroom.payload.create({
      collection: 'comments',
      data: { article, authorName: 'Reader', authorEmail, body, status },
      overrideAccess: true,
    })

  let newsroom: TestNewsroom
  beforeAll(async () => {
    newsroom = await startTestNewsroom()
  })
  afterAll(async () => newsroom?.destroy())

  it('keeps an article’s comment count while it is saved and its comments approved at once', async () => {
    const { payload } = newsroom
    const editor = await newsroom.tokenFor('editor')
    const moderator = await newsroom.tokenFor('moderator')
    const article = await makeArticle(payload)
    const comments = []
    for (let index = 0; index < 12; index++) {
      comments.push(await commentOn(article.id, `reader${index}@example.com`, 'pending', `Comment ${index}`))
    }
    const work = comments.flatMap((comment, index) => [
      newsroom.rest('PATCH', `/comments/${comment.id}`, { token: moderator, body: { status: 'approved' } }),
      newsroom.rest('PATCH', `/articles/${article.id}`, { token: editor, body: { standfirst: `Edited ${index}` } }),
    ])
    const answers = await within(60_000, Promise.all(work), 'approvals and saves')
    expect(answers.map((answer) => answer.status)).toEqual(work.map(() => 200))
    expect((await newsroom.rest('GET', `/articles/${article.id}`)).body.commentCount).toBe(12)
    expect(await countMismatches(payload)).toEqual([])
  })

  it('counts every one of parallel reports', async () => {
    const { payload } = newsroom
    await payload.updateGlobal({ slug: 'comment-settings', data: { reportsToHold: 100 } })
    const article = await makeArticle(payload)
    const comment = await commentOn(article.id, 'reported@example.com', 'approved', 'Reported')
    const moderator = await newsroom.tokenFor('moderator')
    const reports = Array.from({ length: 8 }, (_, index) =>
      newsroom.rest('POST', `/comments/${comment.id}/report`, {
        body: { reason: 'abuse' },
        headers: { [SOCKET_ADDRESS_HEADER]: `198.51.100.${index + 1}` },
      }),
    )
    // A moderator's save in the middle writes back the count it read.
    const edit = newsroom.rest('PATCH', `/comments/${comment.id}`, {
      token: moderator,
      body: { authorName: 'Reader (edited)' },
    })
    const answers = await within(60_000, Promise.all([...reports, edit]), 'reports')
    expect(answers.map((answer) => answer.status)).toEqual([...reports.map(() => 202), 200])
    const stored = await payload.findByID({ collection: 'comments', id: comment.id, overrideAccess: true })
    expect(stored.reportCount).toBe(8)
  })

  it('holds a comment once when parallel reports reach the threshold together', async () => {
    const { payload } = newsroom
    await payload.updateGlobal({ slug: 'comment-settings', data: { reportsToHold: 3 } })
    const article = await makeArticle(payload)
    const comment = await commentOn(article.id, 'held@example.com', 'approved', 'Held')
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, index) =>
        newsroom.rest('POST', `/comments/${comment.id}/report`, {
          body: { reason: 'spam' },
          headers: { [SOCKET_ADDRESS_HEADER]: `203.0.113.${index + 1}` },
        }),
      ),
    )
    // Once held, the comment is no longer reportable: the later ones find nothing to report.
    expect(answers.filter((answer) => answer.status === 202).length).toBeGreaterThanOrEqual(3)
    const stored = await payload.findByID({ collection: 'comments', id: comment.id, overrideAccess: true })
    expect(stored.status).toBe('pending')
    expect(await countMismatches(payload)).toEqual([])
  })

  it('gives parallel creates with one headline distinct suffixed slugs', async () => {
    const token = await newsroom.tokenFor('editor')
    const section = (await makeSection(newsroom.payload)).id
    const creates = Array.from({ length: 8 }, () =>
      newsroom.rest('POST', '/articles', {
        token,
        body: { title: 'Same headline everywhere', standfirst: 'S.', section, _status: 'published' },
      }),
    )
    const answers = await within(60_000, Promise.all(creates), 'creates')
    expect(answers.map((answer) => answer.status)).toEqual(creates.map(() => 201))
    const slugs = answers.map((answer) => answer.body.doc.slug).sort()
    expect(slugs).toEqual(
      [
        'same-headline-everywhere',
        ...[2, 3, 4, 5, 6, 7, 8].map((suffix) => `same-headline-everywhere-${suffix}`),
      ].sort(),
    )
  })

  it('answers comments, moderation and reports racing an article’s delete with 2xx or 404, never 5xx', async () => {
    const { payload } = newsroom
    await payload.updateGlobal({
      slug: 'comment-settings',
      data: { perMinute: 100_000, perHour: 1_000_000, reportsToHold: 100 },
    })
    const editor = await newsroom.tokenFor('editor')
    const moderator = await newsroom.tokenFor('moderator')
    const statuses: number[] = []
    for (let round = 0; round < 8; round++) {
      const article = await makeArticle(payload)
      const existing = await commentOn(article.id, `early${round}@example.com`, 'pending', 'Already here')
      const approved = await commentOn(article.id, `shown${round}@example.com`, 'approved', 'Shown')
      const answers = await within(
        60_000,
        Promise.all([
          ...Array.from({ length: 3 }, (_, index) =>
            newsroom.rest('POST', '/comments', {
              body: {
                article: article.id,
                authorName: 'Reader',
                authorEmail: `racer${index}@example.com`,
                body: `Racing ${round} ${index}`,
                website: '',
              },
              headers: { [SOCKET_ADDRESS_HEADER]: `192.0.2.${index + 1}` },
            }),
          ),
          newsroom.rest('PATCH', `/comments/${existing.id}`, { token: moderator, body: { status: 'approved' } }),
          newsroom.rest('POST', `/comments/${approved.id}/report`, {
            body: { reason: 'spam' },
            headers: { [SOCKET_ADDRESS_HEADER]: '192.0.2.9' },
          }),
          newsroom.rest('DELETE', `/articles/${article.id}`, { token: editor }),
        ]),
        'racing writes',
      )
      statuses.push(...answers.map((answer) => answer.status))
    }
    expect(statuses.filter((status) => status >= 500)).toEqual([])
    expect(
      await payload.count({ collection: 'comments', where: { article: { exists: false } }, overrideAccess: true }),
    ).toMatchObject({ totalDocs: 0 })
    expect(await countMismatches(payload)).toEqual([])
  })
})
