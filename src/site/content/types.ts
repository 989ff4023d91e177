import type { Article, Author, Media, Section, Tag } from '../../payload-types'

/** The site's settings as every page shows them. */
export type SiteInfo = { name: string; description: string; logo: Media | null; url: string }

/** What every view of a story starts with. */
type StoryHead = {
  id: number
  slug: string
  kicker: string | null
  title: string
  standfirst: string
  publishedAt: string
}

/** A story in a list or a card: what a teaser shows. */
export type Teaser = StoryHead & { section: Pick<Section, 'name' | 'slug'> | null; image: Media | null }

export type Comment = { id: number; authorName: string; body: string; createdAt: string; replies: Comment[] }

export type ArticleView = StoryHead & {
  updatedAt: string
  section: Section | null
  tags: Tag[]
  authors: Author[]
  dateline: { place: string | null; date: string | null }
  image: Media | null
  imageCaption: string | null
  imageCredit: string | null
  bodyHtml: string
  corrections: { date: string; text: string }[]
  commentsOpen: boolean
  commentCount: number
  comments: Comment[]
  moreOn: Teaser[]
}

export type Listing = { docs: Teaser[]; page: number; totalPages: number; totalDocs: number }

export type { Article, Media }
