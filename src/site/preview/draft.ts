/** Staff-only draft reads for Live Preview, behind Next's draft mode (never cached, never shown to a reader). */
import { headers } from 'next/headers'
import { createLocalReq, type Payload, type PayloadRequest, type SelectType, type TypedUser, type Where } from 'payload'

import { articleExtras, readSite } from '../content/read'
import type { ArticleExtras } from '../content/view'
import type { Article } from '../../payload-types'
import type { SiteInfo } from '../content/types'

/** The logged-in staff member making this request, from their admin session; null for a reader. */
export async function staffMember(payload: Payload, requestHeaders?: Headers): Promise<TypedUser | null> {
  const { user } = await payload.auth({ headers: requestHeaders ?? (await headers()) })
  return user && user.collection === 'users' ? user : null
}

/** The latest draft of the first article matching `where`, as `req`'s staff member may read it. */
export async function latestDraft(
  req: PayloadRequest,
  where: Where,
  { depth, select }: { depth: number; select: SelectType },
): Promise<Article | undefined> {
  const { docs } = await req.payload.find({
    collection: 'articles',
    where,
    draft: true,
    limit: 1,
    depth,
    select,
    user: req.user,
    overrideAccess: false,
    req,
  })
  return docs[0] as Article | undefined
}

export type Preview = { site: SiteInfo; article: { doc: Article; extras: ArticleExtras }; serverURL: string }

/** The latest draft of the article with this slug, for a staff member; null for anyone else. */
export async function previewedArticle(payload: Payload, slug: string): Promise<Preview | null> {
  const requestHeaders = await headers()
  const user = await staffMember(payload, requestHeaders)
  if (!user) return null
  const req = await createLocalReq({ user }, payload)
  const doc = await latestDraft(
    req,
    { slug: { equals: slug } },
    { depth: 1, select: { relatedStories: false, comments: false } },
  )
  if (!doc) return null
  const host = requestHeaders.get('host')
  const serverURL = payload.config.serverURL || (host ? `http://${host}` : '')
  return { site: await readSite(req), article: { doc, extras: await articleExtras(req, doc) }, serverURL }
}
