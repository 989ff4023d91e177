/**
 * What the reader site reads, always with the public's access (a request without a user, `overrideAccess: false`):
 * a draft, a scheduled story or anything else the public may not read never reaches a page.
 */
import type { PayloadRequest, Where } from 'payload'
import { moreOnCards } from 'payload-plugin-more-on'

import { readThread, type PublicComment } from '../../../plugins/comments'
import type { Article, Media, Section, Tag } from '../../payload-types'
import type { ArticleView, Comment, Listing, SiteInfo } from './types'
import { articleView, asObject, toTeaser, type ArticleExtras } from './view'

export const PAGE_SIZE = 12
const THREAD_LIMIT = 100

const publicRead = (req: PayloadRequest) => ({ req, overrideAccess: false, user: null }) as const

export function siteURL(req: PayloadRequest): string {
  return (req.payload.config.serverURL || `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '')
}

export async function readSite(req: PayloadRequest): Promise<SiteInfo> {
  const site = await req.payload.findGlobal({ slug: 'site', depth: 1, ...publicRead(req) })
  return {
    name: site.name || 'The Newsroom',
    description: site.description ?? '',
    logo: asObject<Media>(site.logo),
    url: siteURL(req),
  }
}

const teaserSelect = {
  slug: true,
  kicker: true,
  title: true,
  standfirst: true,
  publishedAt: true,
  section: true,
  featuredImage: true,
} as const

/** Public articles matching `where`, newest first. */
export async function readListing(req: PayloadRequest, where: Where, page = 1, limit = PAGE_SIZE): Promise<Listing> {
  const result = await req.payload.find({
    collection: 'articles',
    where,
    sort: '-publishedAt',
    page,
    limit,
    depth: 1,
    select: teaserSelect,
    ...publicRead(req),
  })
  return {
    docs: result.docs.map(toTeaser),
    page: result.page ?? page,
    totalPages: result.totalPages,
    totalDocs: result.totalDocs,
  }
}

/**
 * When the public view of the listings next changes by time alone: the earliest publish time still to come of a
 * published story (read past the public's access, since only its time is used).
 */
export async function nextGoingLive(req: PayloadRequest, where: Where = {}): Promise<number | undefined> {
  const { docs } = await req.payload.find({
    collection: 'articles',
    where: {
      and: [where, { _status: { equals: 'published' } }, { publishedAt: { greater_than: new Date().toISOString() } }],
    },
    sort: 'publishedAt',
    limit: 1,
    depth: 0,
    select: { publishedAt: true },
    req,
    overrideAccess: true,
  })
  return docs[0]?.publishedAt ? Date.parse(docs[0].publishedAt) : undefined
}

export async function readBySlug<T extends 'sections' | 'tags'>(req: PayloadRequest, collection: T, slug: string) {
  const { docs } = await req.payload.find({
    collection,
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 0,
    ...publicRead(req),
  })
  return (docs[0] as unknown as (T extends 'sections' ? Section : Tag) | undefined) ?? null
}

export async function readSections(req: PayloadRequest): Promise<Section[]> {
  const { docs } = await req.payload.find({
    collection: 'sections',
    sort: 'name',
    pagination: false,
    depth: 0,
    ...publicRead(req),
  })
  return docs
}

const toComment = (comment: PublicComment): Comment => ({
  id: comment.id,
  authorName: comment.authorName,
  body: comment.body,
  createdAt: comment.createdAt,
  replies: comment.replies.map(toComment),
})

/** What an article's page shows beside the document: its thread and its "More on" block, as `req` may read them. */
export async function articleExtras(req: PayloadRequest, doc: Article): Promise<ArticleExtras> {
  const thread = await readThread(req, doc.id, { page: 1, limit: THREAD_LIMIT })
  const cards = await moreOnCards(req, doc.id)
  return {
    commentCount: thread.totalDocs,
    comments: thread.docs.map(toComment),
    moreOn: cards.map((card) => toTeaser(card as never)),
  }
}

/** An article as its page shows it, from a document read at depth 1, with its thread and its block. */
export async function toArticleView(req: PayloadRequest, doc: Article): Promise<ArticleView> {
  return articleView(doc, await articleExtras(req, doc))
}

/** The public article with this slug, or null. */
export async function readArticle(req: PayloadRequest, slug: string): Promise<Article | null> {
  const { docs } = await req.payload.find({
    collection: 'articles',
    where: { slug: { equals: slug } },
    limit: 1,
    depth: 1,
    // The thread and the block are read on their own (toArticleView).
    select: { relatedStories: false, comments: false },
    ...publicRead(req),
  })
  return (docs[0] as Article | undefined) ?? null
}
