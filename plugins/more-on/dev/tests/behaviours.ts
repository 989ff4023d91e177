/**
 * What the plugin promises any project, checked on the recipe blog (posts tagged by topics titled `title`, no slug
 * field, no scheduled publishing, a second instance on videos), with serial or uuid ids.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createLocalReq, initTransaction, killTransaction } from 'payload'
import { moreOnCards, rebuildMoreOn } from 'payload-plugin-more-on'

import { startBlog, type Blog } from './blog'

const DAY = 86_400_000

export function blogBehaviours(idType: 'serial' | 'uuid') {
  let blog: Blog
  /** What `onListsChanged` was told, and each source's list as a read outside the change's transaction saw it then. */
  const reports: { ids: (number | string)[]; seen: Record<string, (number | string)[]> }[] = []
  beforeAll(async () => {
    blog = await startBlog({
      idType,
      moreOn: {
        // The queue runs by itself every second here, as it does every minute by default.
        autoRun: { cron: '* * * * * *' },
        onListsChanged: async (ids) => {
          const { docs } = await blog.payload.find({
            collection: 'related-posts',
            where: { source: { in: ids } },
            sort: 'rank',
            pagination: false,
            depth: 0,
          })
          const seen: Record<string, (number | string)[]> = {}
          for (const link of docs) (seen[String(link.source)] ??= []).push(link.target as number | string)
          reports.push({ ids, seen })
        },
      },
    })
  })
  afterAll(async () => blog?.destroy())

  let serial = 0
  const topic = async (title: string, type = 'ingredient') =>
    (await blog.payload.create({ collection: 'topics', data: { title, type } })).id
  const post = async (topics: (number | string)[], daysAgo: number, extra: Record<string, unknown> = {}) =>
    (
      await blog.payload.create({
        collection: 'posts',
        data: {
          title: `Recipe ${++serial}`,
          topics,
          _status: 'published',
          publishedOn: new Date(Date.now() - daysAgo * DAY).toISOString(),
          ...extra,
        } as never,
      })
    ).id
  const cardsOf = async (collection: string, id: number | string) => {
    const answer = await blog.rest('GET', `/${collection}/${id}/more-on`)
    expect(answer.status).toBe(200)
    return answer.body.docs as Array<Record<string, any>>
  }
  const snapshot = async (recommendations: string) =>
    (await blog.payload.find({ collection: recommendations as never, pagination: false, depth: 0 })).docs
      .map((row: Record<string, any>) => `${row.source}>${row.target}#${row.rank}:${Number(row.score).toFixed(9)}`)
      .sort()

  describe(`on ${idType} ids`, () => {
    it('links posts by shared topics; cards carry the title, the date and the topics by their title', async () => {
      const [garlic, thai] = [await topic('Garlic'), await topic('Thai', 'cuisine')]
      const first = await post([garlic, thai], 3)
      const second = await post([garlic, thai], 1)
      expect(typeof first).toBe(idType === 'uuid' ? 'string' : 'number')
      const [card, ...rest] = await cardsOf('posts', first)
      expect(rest).toEqual([])
      expect(card).toEqual({
        id: second,
        title: expect.stringMatching(/^Recipe /),
        publishedOn: expect.any(String),
        sharedTags: [
          { id: garlic, label: 'Garlic', kind: 'ingredient', contribution: expect.any(Number) },
          { id: thai, label: 'Thai', kind: 'cuisine', contribution: expect.any(Number) },
        ],
        score: expect.any(Number),
        origin: 'auto',
      })
    })

    it('tells onListsChanged, once committed, every list a change altered; never a rolled-back one', async () => {
      const cumin = await topic('Cumin')
      const older = await post([cumin], 6)
      reports.length = 0
      const newer = await post([cumin], 1)
      expect(reports).toHaveLength(1)
      expect(new Set(reports[0]!.ids)).toEqual(new Set([older, newer]))
      // Read outside the save's transaction while it reported: the follow-up is already in the older post's list.
      expect(reports[0]!.seen[String(older)]).toEqual([newer])
      const cards = await moreOnCards(await createLocalReq({}, blog.payload), older, {
        recommendationsSlug: 'related-posts',
      })
      expect(cards.map((card) => card.id)).toEqual([newer])

      reports.length = 0
      await blog.payload.update({ collection: 'posts', id: newer, data: { title: 'Cumin rice, again' } as never })
      expect(reports).toEqual([])

      const req = await createLocalReq({}, blog.payload)
      await initTransaction(req)
      await blog.payload.create({
        collection: 'posts',
        data: { title: 'Never kept', topics: [cumin], _status: 'published', publishedOn: new Date() } as never,
        req,
      })
      await killTransaction(req)
      expect(reports).toEqual([])

      await blog.payload.delete({ collection: 'posts', id: newer })
      expect(reports.map((report) => report.ids)).toEqual([[older]])
    })

    it('tells onListsChanged nothing of a rebuild that changes no list, though a save came meanwhile', async () => {
      const saffron = await topic('Saffron')
      const older = await post([saffron], 6)
      reports.length = 0
      let published: Promise<number | string> | undefined
      // The post is saved after the rebuild's snapshot: the rebuild's own lists lack it until the save is replayed.
      await rebuildMoreOn(blog.payload, {
        recommendationsSlug: 'related-posts',
        onProgress: () => {
          published ??= post([saffron], 1)
        },
      })
      const newer = await published!
      expect(await cardsOf('posts', older)).toEqual([expect.objectContaining({ id: newer })])
      expect(reports.map((report) => new Set(report.ids))).toEqual([new Set([older, newer])])
    })

    it('lists a topic’s posts by the topic’s id, the topics having no slug field', async () => {
      const basil = await topic('Basil')
      const [older, newer] = [await post([basil], 5), await post([basil], 2)]
      const page = await blog.rest('GET', `/topics/${basil}/posts?limit=10`)
      expect(page.status).toBe(200)
      expect(page.body.docs.map((doc: { id: unknown }) => doc.id)).toEqual([newer, older])
      expect((await blog.rest('GET', '/topics/no-such-topic/posts')).status).toBe(404)
    })

    it('answers GraphQL MoreOnPost with every field of the Post type', async () => {
      const [lime, grill] = [await topic('Lime'), await topic('Grilling', 'technique')]
      const first = await post([lime, grill], 4, { serves: 4 })
      const second = await post([lime, grill], 2, { serves: 2 })
      const answer = await blog.graphql(
        `query ($id: ID!) {
          MoreOnPost(id: $id, limit: 3) {
            docs {
              id title publishedOn serves topics { title type } sharedTags { label kind contribution } score origin
            }
          }
        }`,
        { id: String(first) },
      )
      expect(answer.body.errors).toBeUndefined()
      const [card] = answer.body.data.MoreOnPost.docs
      expect(card).toMatchObject({
        id: second,
        serves: 2,
        origin: 'auto',
        topics: [
          { title: 'Lime', type: 'ingredient' },
          { title: 'Grilling', type: 'technique' },
        ],
      })
      expect(card.sharedTags.map((tag: { label: string }) => tag.label).sort()).toEqual(['Grilling', 'Lime'])
      expect(card.publishedOn).toEqual(expect.any(String))
    })

    it('previews a draft’s block as empty, and why, with no scheduled publishing in the config', async () => {
      const token = await blog.login()
      const draft = await blog.payload.create({
        collection: 'posts',
        data: { title: 'Still cooking', topics: [await topic('Saffron')], _status: 'draft' } as never,
        draft: true,
      })
      const preview = await blog.rest('GET', `/posts/${draft.id}/more-on/preview`, undefined, token)
      expect(preview.status).toBe(200)
      expect(preview.body).toMatchObject({ docs: [], empty: { reason: 'not-published' } })
    })

    it('links videos among themselves through a second instance on the same topics, counted apart', async () => {
      const sourdough = await topic('Sourdough', 'technique')
      const [clip, other] = [
        (
          await blog.payload.create({
            collection: 'videos',
            data: {
              title: 'Shaping a loaf',
              topics: [sourdough],
              publishedAt: new Date(Date.now() - 2 * DAY).toISOString(),
            },
          })
        ).id,
        (
          await blog.payload.create({
            collection: 'videos',
            data: {
              title: 'Scoring a loaf',
              topics: [sourdough],
              publishedAt: new Date(Date.now() - DAY).toISOString(),
            },
          })
        ).id,
      ]
      const written = await post([sourdough], 1)
      expect((await cardsOf('videos', clip)).map((card) => card.id)).toEqual([other])
      expect((await cardsOf('posts', written)).map((card) => card.id)).toEqual([])
      const counted = await blog.rest('GET', `/topics/${sourdough}`)
      expect(counted.body).toMatchObject({ publishedCount: 1, publishedVideos: 2 })
    })

    it('links a published post without a date as of its creation, and says so in the log', async () => {
      const warn = jest.spyOn(blog.payload.logger, 'warn')
      const fennel = await topic('Fennel')
      const dated = await post([fennel], 0.5)
      const undated = await post([fennel], 0, { publishedOn: null })
      expect((await cardsOf('posts', dated)).map((card) => card.id)).toEqual([undated])
      expect(warn).toHaveBeenCalledWith(
        expect.stringContaining(
          `posts ${undated} is published without a publishedOn; it is linked as of its creation time`,
        ),
      )
      warn.mockRestore()
    })

    it('runs the work it leaves for the queue by itself, and the lists converge on a rebuild', async () => {
      const salt = await topic('Salt', 'season')
      for (let index = 0; index < 24; index++) await post([salt, await topic(`Dish ${index}`, 'cuisine')], 30 + index)
      const due = () =>
        blog.payload.count({
          collection: 'payload-jobs',
          where: {
            completedAt: { exists: false },
            or: [{ waitUntil: { exists: false } }, { waitUntil: { less_than_equal: new Date().toISOString() } }],
          },
        })
      const deadline = Date.now() + 30_000
      while ((await due()).totalDocs > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 250))
      expect((await due()).totalDocs).toBe(0)
      const converged = await snapshot('related-posts')
      await rebuildMoreOn(blog.payload, { recommendationsSlug: 'related-posts' })
      expect(await snapshot('related-posts')).toEqual(converged)
    })
  })
}
