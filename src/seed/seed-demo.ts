import { sql } from '@payloadcms/db-postgres'
import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload, type PayloadRequest, type RequiredDataFromCollectionSlug } from 'payload'

import { transactionDatabase } from '../db/postgres-adapter'
import { demoArticles, demoAuthors, demoImages, demoSections, demoTags, type DemoArticle } from './demo-content'

/** Any number works as long as nothing else in the database takes the same advisory lock. */
const SEED_LOCK = 72_410_001
const DAY_MS = 24 * 60 * 60 * 1000

type Ids = Map<string, number | string>

function placeholderPicture(caption: string, colour: string): Buffer {
  const text = caption.replace(/[&<>"']/g, '')
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">` +
      `<rect width="1200" height="675" fill="${colour}"/>` +
      `<text x="60" y="615" font-family="sans-serif" font-size="40" fill="#ffffff">${text}</text></svg>`,
  )
}

function articleBody(article: DemoArticle) {
  const [first, ...rest] = article.paragraphs
  return [
    { children: [{ text: first ?? '' }] },
    ...(article.subhead ? [{ type: 'h2', children: [{ text: article.subhead }] }] : []),
    ...(article.quote ? [{ type: 'blockquote', children: [{ text: article.quote }] }] : []),
    ...rest.map((text) => ({ children: [{ text }] })),
  ]
}

async function createEach<T extends { name?: string; key?: string }>(
  items: T[],
  create: (item: T) => Promise<{ id: number | string }>,
): Promise<Ids> {
  const ids: Ids = new Map()
  for (const item of items) ids.set((item.name ?? item.key)!, (await create(item)).id)
  return ids
}

async function seedContent(payload: Payload, req: PayloadRequest): Promise<number> {
  const common = { req, overrideAccess: true, depth: 0 } as const
  const sections = await createEach(demoSections, (data) => payload.create({ collection: 'sections', data, ...common }))
  const tags = await createEach(demoTags, (data) => payload.create({ collection: 'tags', data, ...common }))
  const images = await createEach(demoImages, ({ key, alt, caption, credit, colour }) => {
    const data = placeholderPicture(caption, colour)
    return payload.create({
      collection: 'media',
      data: { alt, caption, credit },
      file: { data, mimetype: 'image/svg+xml', name: `demo-${key}.svg`, size: data.length },
      ...common,
    })
  })
  const authors = await createEach(demoAuthors, (data) => payload.create({ collection: 'authors', data, ...common }))

  const now = Date.now()
  const idsOf = (ids: Ids, names: string[]) =>
    names.map((name) => {
      const id = ids.get(name)
      if (id === undefined) throw new Error(`Demo content names an unknown entry: ${name}`)
      return id as number
    })
  // Oldest first, so that ids follow publishing order as they would in a real newsroom.
  for (const article of [...demoArticles].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const publishedAt = new Date(now - article.daysAgo * DAY_MS).toISOString()
    const data: RequiredDataFromCollectionSlug<'articles'> = {
        title: article.title,
        kicker: article.kicker,
        standfirst: article.standfirst,
        section: idsOf(sections, [article.section])[0]!,
        tags: idsOf(tags, article.tags),
        authors: idsOf(authors, article.authors),
        dateline: { place: article.place, date: publishedAt },
        featuredImage: article.image ? idsOf(images, [article.image])[0] : undefined,
        body: articleBody(article),
        discussion: { status: 'open', moderation: article.section === 'Politics' ? 'pre' : 'post', autoCloseDays: 14 },
        _status: article.status === 'draft' ? 'draft' : 'published',
        publishedAt: article.status === 'draft' ? undefined : publishedAt,
    }
    await payload.create({ collection: 'articles', data, ...common })
  }
  return demoArticles.length
}

/**
 * Seeds the demo newsroom once, on an empty database. Runs in one transaction under an advisory lock, so two
 * instances starting together seed it once and a failed seed leaves nothing half-written.
 */
export async function seedDemoNewsroom(payload: Payload): Promise<{ seeded: boolean }> {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    await (await transactionDatabase(req)).execute(sql`select pg_advisory_xact_lock(${SEED_LOCK})`)
    const existing = await Promise.all(
      (['articles', 'sections', 'tags'] as const).map((collection) => payload.count({ collection, req, overrideAccess: true })),
    )
    if (existing.some(({ totalDocs }) => totalDocs > 0)) {
      await commitTransaction(req)
      return { seeded: false }
    }
    const count = await seedContent(payload, req)
    await commitTransaction(req)
    payload.logger.info(`Seeded the demo newsroom: ${count} articles.`)
    return { seeded: true }
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
