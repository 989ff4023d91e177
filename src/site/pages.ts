/**
 * The content of each page kind, cached (freshness/cache.ts) under what it depends on. Route files render these;
 * they never read Payload themselves. Reads run one after another: they share the snapshot's one connection.
 */
import type { Payload, Where } from 'payload'

import { collectReferences } from '../../collections/fields/slateHtml'
import { cachedContent } from './freshness/cache'
import { FRESHNESS_KEYS } from './freshness/keys'
import { discussionClosesAt } from './content/view'
import {
  nextGoingLive,
  PAGE_SIZE,
  readArticle,
  readBySlug,
  readListing,
  readSections,
  readSite,
  toArticleView,
} from './content/read'
import type { ArticleView, Listing, SiteInfo, Teaser } from './content/types'
import type { Section, Tag } from '../payload-types'

const LISTING_KEYS = [FRESHNESS_KEYS.listings, FRESHNESS_KEYS.taxonomy, FRESHNESS_KEYS.site]
const FRONT_PER_SECTION = 4
export const FEED_SIZE = 30

export type FrontPage = {
  site: SiteInfo
  lead: Teaser | null
  latest: Teaser[]
  sections: { section: Section; stories: Teaser[] }[]
}

export function frontPage(payload: Payload): Promise<FrontPage> {
  return cachedContent(payload, 'front', async (req) => {
    const site = await readSite(req)
    const latest = await readListing(req, {}, 1, 7)
    const bySection: FrontPage['sections'] = []
    for (const section of await readSections(req)) {
      const stories = (await readListing(req, { section: { equals: section.id } }, 1, FRONT_PER_SECTION)).docs
      bySection.push({ section, stories })
    }
    const [lead = null, ...rest] = latest.docs
    return {
      value: { site, lead, latest: rest, sections: bySection.filter(({ stories }) => stories.length > 0) },
      dependsOn: LISTING_KEYS,
      validUntil: await nextGoingLive(req),
    }
  })
}

export type ListingPage<T> = { site: SiteInfo; subject: T; listing: Listing } | { site: SiteInfo; subject: null }

function listingPage<T extends Section | Tag>(
  payload: Payload,
  collection: 'sections' | 'tags',
  field: 'section' | 'tags',
  slug: string,
  page: number,
  limit = PAGE_SIZE,
): Promise<ListingPage<T>> {
  return cachedContent<ListingPage<T>>(payload, `${collection}:${slug}:${page}:${limit}`, async (req) => {
    const site = await readSite(req)
    const subject = await readBySlug(req, collection, slug)
    if (!subject) return { value: { site, subject: null }, dependsOn: LISTING_KEYS }
    const where: Where = field === 'section' ? { section: { equals: subject.id } } : { tags: { in: [subject.id] } }
    return {
      value: { site, subject: subject as T, listing: await readListing(req, where, page, limit) },
      dependsOn: LISTING_KEYS,
      validUntil: await nextGoingLive(req, where),
    }
  })
}

export const sectionPage = (payload: Payload, slug: string, page: number, limit?: number) =>
  listingPage<Section>(payload, 'sections', 'section', slug, page, limit)
export const tagPage = (payload: Payload, slug: string, page: number, limit?: number) =>
  listingPage<Tag>(payload, 'tags', 'tags', slug, page, limit)

/** The latest stories, for the feeds and the news sitemap. */
export function latestPage(payload: Payload, limit = FEED_SIZE): Promise<{ site: SiteInfo; listing: Listing }> {
  return cachedContent(payload, `latest:${limit}`, async (req) => {
    const site = await readSite(req)
    const listing = await readListing(req, {}, 1, limit)
    return { value: { site, listing }, dependsOn: LISTING_KEYS, validUntil: await nextGoingLive(req) }
  })
}

export type SitemapPage = {
  site: SiteInfo
  articles: { slug: string; updatedAt: string; publishedAt: string; title: string }[]
  sections: string[]
  tags: string[]
}

export function sitemapPage(payload: Payload): Promise<SitemapPage> {
  return cachedContent(payload, 'sitemap', async (req) => {
    const read = { req, overrideAccess: false, user: null, pagination: false, depth: 0 } as const
    const site = await readSite(req)
    const articles = await req.payload.find({
      collection: 'articles',
      sort: '-publishedAt',
      select: { slug: true, updatedAt: true, publishedAt: true, title: true },
      ...read,
    })
    const sections = await req.payload.find({ collection: 'sections', select: { slug: true }, ...read })
    const tags = await req.payload.find({ collection: 'tags', select: { slug: true }, ...read })
    return {
      value: {
        site,
        articles: articles.docs.map((doc) => ({
          slug: doc.slug ?? String(doc.id),
          updatedAt: doc.updatedAt,
          publishedAt: doc.publishedAt ?? doc.updatedAt,
          title: doc.title,
        })),
        sections: sections.docs.flatMap((doc) => (doc.slug ? [doc.slug] : [])),
        tags: tags.docs.flatMap((doc) => (doc.slug ? [doc.slug] : [])),
      },
      dependsOn: LISTING_KEYS,
      validUntil: await nextGoingLive(req),
    }
  })
}

export type ArticlePage = { site: SiteInfo; article: ArticleView | null }

/**
 * An article's page: the article, its comment thread and its "More on" block. It depends on the article, on each
 * story its block and its body link to (a changed headline shows at once), on the taxonomy and on the site.
 */
export function articlePage(payload: Payload, slug: string): Promise<ArticlePage> {
  return cachedContent<ArticlePage>(payload, `article:${slug}`, async (req) => {
    const site = await readSite(req)
    const doc = await readArticle(req, slug)
    if (!doc) {
      return {
        value: { site, article: null },
        dependsOn: [FRESHNESS_KEYS.listings, FRESHNESS_KEYS.site],
        validUntil: await nextGoingLive(req, { slug: { equals: slug } }),
      }
    }
    const article = await toArticleView(req, doc)
    const shown = [doc.id, ...article.moreOn.map((card) => card.id), ...collectReferences(doc.body).articles]
    return {
      value: { site, article },
      dependsOn: [
        ...shown.map(FRESHNESS_KEYS.article),
        FRESHNESS_KEYS.allLists,
        FRESHNESS_KEYS.taxonomy,
        FRESHNESS_KEYS.site,
      ],
      validUntil: article.commentsOpen ? discussionClosesAt(doc) : undefined,
    }
  })
}
