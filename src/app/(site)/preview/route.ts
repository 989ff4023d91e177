import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'

import { parseSerialId } from '../../../../plugins/shared/serialId'
import { sitePayload } from '../../../site/payload'
import { staffMember } from '../../../site/preview/draft'

export const dynamic = 'force-dynamic'

/**
 * `/preview?id=12`: Live Preview's entry. A logged-in staff member gets draft mode and the article's page; anyone
 * else a bare 404 that says nothing of the article.
 */
export async function GET(request: Request) {
  const payload = await sitePayload()
  const user = await staffMember(payload, request.headers)
  const id = parseSerialId(new URL(request.url).searchParams.get('id'))
  const notFound = () => new Response('Not Found', { status: 404 })
  if (!user || id === undefined) return notFound()
  const { docs } = await payload.find({
    collection: 'articles',
    where: { id: { equals: id } },
    draft: true,
    limit: 1,
    depth: 0,
    select: { slug: true },
    user,
    overrideAccess: false,
  })
  const slug = docs[0]?.slug
  if (!slug) return notFound()
  ;(await draftMode()).enable()
  redirect(`/articles/${encodeURIComponent(slug)}`)
}
