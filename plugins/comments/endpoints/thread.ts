import type { CollectionSlug, Endpoint, PaginatedDocs, PayloadRequest, Where } from 'payload'
import { z } from 'zod'

import { errorAnswer } from '../../shared/errorAnswer'
import { parseSerialId } from '../../shared/serialId'
import { wholeNumber } from '../../shared/wholeNumber'
import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

const threadQuery = z.object({ page: wholeNumber('page', 1, 100_000, 1), limit: wholeNumber('limit', 1, 100, 10) })

export type PublicComment = {
  id: number
  authorName: string
  body: string
  createdAt: string
  depth: number
  parent: number | null
  replies: PublicComment[]
}
const PUBLIC_FIELDS = { authorName: true, body: true, createdAt: true, depth: true, parent: true } as const

const toPublicComment = (doc: Record<string, unknown>): PublicComment => ({
  id: Number(doc.id),
  authorName: String(doc.authorName),
  body: String(doc.body),
  createdAt: String(doc.createdAt),
  depth: Number(doc.depth ?? 1),
  parent: doc.parent == null ? null : Number(doc.parent),
  replies: [],
})

/**
 * A commented document's approved top-level comments, newest first, each with its approved replies nested in order,
 * in Payload's pagination shape, with only the fields the public sees. The caller checks the document is readable.
 */
export async function readThread(
  req: PayloadRequest,
  id: number,
  { page, limit }: { page: number; limit: number },
): Promise<PaginatedDocs<PublicComment>> {
  const approved: Where = { article: { equals: id }, status: { equals: 'approved' } }
  const read = { collection: SLUGS.comments, select: PUBLIC_FIELDS, depth: 0, overrideAccess: true, req } as const
  const top = await req.payload.find({
    ...read,
    where: { ...approved, parent: { exists: false } },
    sort: '-createdAt',
    page,
    limit,
  })
  const { docs: replies } = await req.payload.find({
    ...read,
    where: { ...approved, parent: { exists: true } },
    sort: 'createdAt',
    pagination: false,
  })
  const nodes = new Map<number, PublicComment>()
  const place = (doc: unknown) => {
    const node = toPublicComment(doc as Record<string, unknown>)
    nodes.set(node.id, node)
    return node
  }
  const docs = top.docs.map(place)
  for (const reply of replies.map(place)) nodes.get(reply.parent!)?.replies.push(reply)
  return { ...top, docs }
}

/**
 * `GET /api/<collection>/:id/comments?page=&limit=`: approved top-level comments, newest first, each with its
 * approved replies nested in order.
 */
export function threadEndpoint({ commented }: CommentsSetup): Endpoint {
  return {
    path: '/:id/comments',
    method: 'get',
    handler: async (req) => {
      const query = threadQuery.safeParse({ page: req.searchParams.get('page'), limit: req.searchParams.get('limit') })
      if (!query.success) {
        const issue = query.error.issues[0]!
        return errorAnswer(400, issue.message, String(issue.path[0]))
      }
      const id = parseSerialId(req.routeParams?.id)
      const readable =
        id !== undefined &&
        (
          await req.payload.count({
            collection: commented as CollectionSlug,
            where: { id: { equals: id } },
            overrideAccess: false,
            user: req.user,
            req,
          })
        ).totalDocs > 0
      if (!readable) return errorAnswer(404, 'Not Found')
      return Response.json(await readThread(req, id, query.data))
    },
  }
}
