/** Staff-only draft reads for Live Preview, behind Next's draft mode (never cached, never shown to a reader). */
import { headers } from 'next/headers'
import { createLocalReq, type Payload, type TypedUser } from 'payload'

import { readSite } from '../content/read'
import type { ArticleExtras } from '../content/view'
import { toArticleView } from '../content/read'
import type { Article } from '../../payload-types'
import type { SiteInfo } from '../content/types'

/** The logged-in staff member making this request, from their admin session; null for a reader. */
export async function staffMember(payload: Payload, requestHeaders?: Headers): Promise<TypedUser | null> {
  const { user } = await payload.auth({ headers: requestHeaders ?? (await headers()) })
  return user && user.collection === 'users' ? user : null
}

export type Preview = { site: SiteInfo; article: { doc: Article; extras: ArticleExtras }; serverURL: string }

/** The latest draft of the article with this slug, for a staff member; null for anyone else. */
export async function previewedArticle(payload: Payload, slug: string): Promise<Preview | null> {
  const requestHeaders = await headers()
  const user = await staffMember(payload, requestHeaders)
  if (!user) return null
  const req = await createLocalReq({ user }, payload)
  const { docs } = await payload.find({
    collection: 'articles',
    where: { slug: { equals: slug } },
    draft: true,
    limit: 1,
    depth: 1,
    select: { relatedStories: false, comments: false },
    user,
    overrideAccess: false,
    req,
  })
  const doc = docs[0] as Article | undefined
  if (!doc) return null
  const { comments, commentCount, moreOn } = await toArticleView(req, doc)
  const host = requestHeaders.get('host')
  const serverURL = payload.config.serverURL || (host ? `http://${host}` : '')
  return { site: await readSite(req), article: { doc, extras: { comments, commentCount, moreOn } }, serverURL }
}
