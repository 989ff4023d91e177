/** An article document as its page shows it (pure, for the server and for the live preview in the browser). */
import { DAY_MS } from '../../../plugins/shared/time'
import type { Article, Author, Media, Section, Tag } from '../../payload-types'
import type { ArticleView, Teaser } from './types'

export const asObject = <T>(value: unknown): T | null => (value && typeof value === 'object' ? (value as T) : null)
const objects = <T>(values: unknown): T[] =>
  Array.isArray(values) ? values.filter((value): value is T => Boolean(value) && typeof value === 'object') : []

export function toTeaser(doc: Partial<Article> & { id: number | string }): Teaser {
  const section = asObject<Section>(doc.section)
  return {
    id: Number(doc.id),
    slug: doc.slug ?? String(doc.id),
    kicker: doc.kicker ?? null,
    title: doc.title ?? '',
    standfirst: doc.standfirst ?? '',
    publishedAt: doc.publishedAt ?? '',
    section: section ? { name: section.name, slug: section.slug ?? null } : null,
    image: asObject<Media>(doc.featuredImage),
  }
}

/** When readers can no longer comment, the discussion closing by itself (`autoCloseDays` after publishing). */
export function discussionClosesAt(article: Pick<Article, 'discussion' | 'publishedAt'>): number | undefined {
  const days = article.discussion?.autoCloseDays
  if (!days || !article.publishedAt) return undefined
  return Date.parse(article.publishedAt) + days * DAY_MS
}

/** What a page shows beside the document itself. */
export type ArticleExtras = Pick<ArticleView, 'comments' | 'commentCount' | 'moreOn'>

export function articleView(doc: Article, extras: ArticleExtras, bodyHtml = doc.bodyHtml ?? ''): ArticleView {
  const image = asObject<Media>(doc.featuredImage)
  const closesAt = discussionClosesAt(doc)
  return {
    id: doc.id,
    slug: doc.slug ?? String(doc.id),
    kicker: doc.kicker ?? null,
    title: doc.title,
    standfirst: doc.standfirst,
    publishedAt: doc.publishedAt ?? doc.createdAt,
    updatedAt: doc.updatedAt,
    section: asObject<Section>(doc.section),
    tags: objects<Tag>(doc.tags),
    authors: objects<Author>(doc.authors),
    dateline: { place: doc.dateline?.place ?? null, date: doc.dateline?.date ?? null },
    image,
    imageCaption: doc.featuredImageCaption || image?.caption || null,
    imageCredit: doc.featuredImageCredit || image?.credit || null,
    bodyHtml,
    corrections: (doc.corrections ?? []).map(({ date, text }) => ({ date, text })),
    commentsOpen: doc.discussion?.status !== 'closed' && (closesAt === undefined || Date.now() < closesAt),
    ...extras,
  }
}
