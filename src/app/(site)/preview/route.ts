import { draftMode } from 'next/headers'
import { redirect } from 'next/navigation'
import { createLocalReq } from 'payload'

import { parseSerialId } from '../../../../plugins/shared/serialId'
import { sitePayload } from '../../../site/payload'
import { latestDraft, staffMember } from '../../../site/preview/draft'

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
  const req = await createLocalReq({ user }, payload)
  const slug = (await latestDraft(req, { id: { equals: id } }, { depth: 0, select: { slug: true } }))?.slug
  if (!slug) return notFound()
  ;(await draftMode()).enable()
  redirect(`/articles/${encodeURIComponent(slug)}`)
}
