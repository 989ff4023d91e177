import type { Payload, PayloadRequest, RequiredDataFromCollectionSlug } from 'payload'

import { DAY_MS } from '../../plugins/shared/time'
import {
  demoArticles,
  demoAuthors,
  demoComments,
  demoImages,
  demoSections,
  demoTags,
  sectionPictures,
  type DemoArticle,
} from './demoContent'
import { inLockedTransaction } from './lockedTransaction'

type Ids = Map<string, number | string>

/** A small deterministic random sequence, so each picture looks the same on every seed. */
function sequence(seed: string) {
  let state = [...seed].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) >>> 0, 2166136261)
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

/**
 * A picture made here at seed time (nothing is downloaded): a sky in the picture's colour, a low sun, and three
 * layers of skyline and hills, each darker, as a landscape photograph's shapes would be.
 */
function demoPicture(key: string, colour: string): Buffer {
  const random = sequence(key)
  const layer = (base: number, height: number, shade: number, blocky: boolean) => {
    const points: string[] = ['0,675']
    let previous = base
    for (let x = 0; x <= 1200; x += blocky ? 40 + Math.round(random() * 60) : 120) {
      const y = Math.round(base - random() * height)
      points.push(blocky ? `${x},${previous} ${x},${y}` : `${x},${y}`)
      previous = y
    }
    points.push('1200,675')
    return `<polygon points="${points.join(' ')}" fill="#000" fill-opacity="${shade}"/>`
  }
  const sunX = Math.round(200 + random() * 800)
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675" viewBox="0 0 1200 675">` +
      `<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">` +
      `<stop offset="0" stop-color="${colour}"/><stop offset="1" stop-color="#f1e3c8"/></linearGradient></defs>` +
      `<rect width="1200" height="675" fill="url(#sky)"/>` +
      `<circle cx="${sunX}" cy="${Math.round(180 + random() * 120)}" r="70" fill="#fff6d5" fill-opacity="0.85"/>` +
      layer(430, 120, 0.25, false) +
      layer(520, 160, 0.45, true) +
      layer(630, 60, 0.7, false) +
      `</svg>`,
  )
}

type BodyReferences = { image?: number | string; seeAlso?: number | string }

function articleBody(article: DemoArticle, { image, seeAlso }: BodyReferences) {
  const [first, ...rest] = article.paragraphs
  return [
    { children: [{ text: first ?? '' }] },
    ...(image ? [{ type: 'upload', relationTo: 'media', value: { id: image }, children: [{ text: '' }] }] : []),
    ...(article.subhead ? [{ type: 'h2', children: [{ text: article.subhead }] }] : []),
    ...(article.quote ? [{ type: 'blockquote', children: [{ text: article.quote }] }] : []),
    ...rest.map((text) => ({ children: [{ text }] })),
    ...(seeAlso
      ? [{ type: 'relationship', relationTo: 'articles', value: { id: seeAlso }, children: [{ text: '' }] }]
      : []),
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

async function seedContent(payload: Payload, req: PayloadRequest): Promise<void> {
  const common = { req, overrideAccess: true, depth: 0 } as const
  const sections = await createEach(demoSections, (data) => payload.create({ collection: 'sections', data, ...common }))
  const tags = await createEach(demoTags, (data) => payload.create({ collection: 'tags', data, ...common }))
  const images = await createEach(demoImages, ({ key, alt, caption, credit, colour }) => {
    const data = demoPicture(key, colour)
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
  const articles: Ids = new Map()
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
      featuredImage: idsOf(images, [article.image ?? sectionPictures[article.section]!])[0],
      body: articleBody(article, {
        image: article.inlineImage ? images.get(article.inlineImage) : undefined,
        seeAlso: article.seeAlso ? idsOf(articles, [article.seeAlso])[0] : undefined,
      }),
      corrections: article.correction
        ? [{ date: new Date(Date.parse(publishedAt) + DAY_MS).toISOString(), text: article.correction }]
        : undefined,
      discussion: { status: 'open', moderation: article.section === 'Politics' ? 'pre' : 'post', autoCloseDays: 14 },
      moreOn: { mode: 'auto' },
      _status: article.status === 'draft' ? 'draft' : 'published',
      publishedAt: article.status === 'draft' ? undefined : publishedAt,
    }
    articles.set(article.title, (await payload.create({ collection: 'articles', data, ...common })).id)
  }

  const comments: (number | string)[] = []
  for (const { article, replyTo, reported, ...comment } of demoComments) {
    const parent = replyTo === undefined ? undefined : comments[replyTo]
    const data = {
      ...comment,
      article: idsOf(articles, [article])[0]!,
      parent: parent as number | undefined,
      depth: parent ? 2 : 1,
      reportCount: reported ? 1 : 0,
    }
    const { id } = await payload.create({ collection: 'comments', data, ...common })
    comments.push(id)
    if (reported)
      await payload.create({
        collection: 'comment-reports',
        data: { comment: id as number, reason: reported, ipHash: 'demo-reader' },
        ...common,
      })
  }
}

/**
 * Seeds the demo newsroom once, on an empty database (no article, section or tag yet), in one locked transaction.
 */
export async function seedDemoNewsroom(payload: Payload): Promise<{ seeded: boolean }> {
  const seeded = await inLockedTransaction(payload, async (req) => {
    for (const collection of ['articles', 'sections', 'tags'] as const) {
      if ((await payload.count({ collection, req, overrideAccess: true })).totalDocs > 0) return false
    }
    await seedContent(payload, req)
    return true
  })
  if (seeded) payload.logger.info(`Seeded the demo newsroom: ${demoArticles.length} articles.`)
  return { seeded }
}
