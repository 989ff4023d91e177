import { commitTransaction, initTransaction, killTransaction, type Endpoint, type PayloadRequest, type Where } from 'payload'
import { z } from 'zod'

import { hasRole } from '../../collections/access'
import { errorAnswer } from '../http/answers'
import { parseSerialId } from '../http/ids'
import { wholeNumber } from '../http/query'
import { REPORT_REASONS } from '../../collections/CommentReports'
import { commentSettings, enforceRateLimit, readerAddressHash, type CommentOptions } from './hooks'
import { addReport, commentIdsByEmail, eraseByEmail, lockArticles, refreshReportCount } from './store'

async function jsonBody(req: PayloadRequest): Promise<unknown> {
  try {
    return req.json ? await req.json() : {}
  } catch {
    return undefined
  }
}

const threadQuery = z.object({ page: wholeNumber('page', 1, 100_000, 1), limit: wholeNumber('limit', 1, 100, 10) })

type PublicComment = { id: number; authorName: string; body: string; createdAt: string; depth: number; parent: number | null; replies: PublicComment[] }
const PUBLIC_FIELDS = { authorName: true, body: true, createdAt: true, depth: true, parent: true } as const

/** `GET /api/articles/:id/comments?page=&limit=`: approved top-level comments, newest first, each with its approved replies nested in order. */
export const threadEndpoint: Endpoint = {
  path: '/:id/comments',
  method: 'get',
  handler: async (req) => {
    const query = threadQuery.safeParse({ page: req.searchParams.get('page'), limit: req.searchParams.get('limit') })
    if (!query.success) return errorAnswer(400, query.error.issues[0]!.message, String(query.error.issues[0]!.path[0]))
    const id = parseSerialId(req.routeParams?.id)
    const readable = id !== undefined && (await req.payload.count({ collection: 'articles', where: { id: { equals: id } }, overrideAccess: false, user: req.user, req })).totalDocs > 0
    if (!readable) return errorAnswer(404, 'Not Found')
    const approved: Where = { article: { equals: id }, status: { equals: 'approved' } }
    const top = await req.payload.find({
      collection: 'comments',
      where: { ...approved, parent: { exists: false } },
      sort: '-createdAt',
      page: query.data.page,
      limit: query.data.limit,
      select: PUBLIC_FIELDS,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const { docs: replies } = await req.payload.find({
      collection: 'comments',
      where: { ...approved, parent: { exists: true } },
      sort: 'createdAt',
      pagination: false,
      select: PUBLIC_FIELDS,
      depth: 0,
      overrideAccess: true,
      req,
    })
    const nodes = new Map<number, PublicComment>()
    const toNode = (doc: Record<string, unknown>): PublicComment => {
      const node = { id: Number(doc.id), authorName: String(doc.authorName), body: String(doc.body), createdAt: String(doc.createdAt), depth: Number(doc.depth ?? 1), parent: doc.parent == null ? null : Number(doc.parent), replies: [] }
      nodes.set(node.id, node)
      return node
    }
    const docs = top.docs.map((doc) => toNode(doc as unknown as Record<string, unknown>))
    const pending = replies.map((doc) => toNode(doc as unknown as Record<string, unknown>))
    for (const reply of pending) nodes.get(reply.parent!)?.replies.push(reply)
    return Response.json({ ...top, docs })
  },
}

const reportSchema = z.object({ reason: z.enum(REPORT_REASONS, { message: `reason must be one of ${REPORT_REASONS.join(', ')}` }) })

/** `POST /api/comments/:id/report { reason }`: a reader flags an approved comment; enough reports send it back to the queue. */
export function reportEndpoint(options: CommentOptions): Endpoint {
  return {
    path: '/:id/report',
    method: 'post',
    handler: async (req) => {
      const input = reportSchema.safeParse(await jsonBody(req))
      if (!input.success) return errorAnswer(400, input.error.issues[0]!.message, 'reason')
      const id = parseSerialId(req.routeParams?.id)
      // Read as the reader may read it: a comment they cannot see (of a draft or scheduled article too) is not there.
      const { docs } =
        id === undefined
          ? { docs: [] }
          : await req.payload.find({ collection: 'comments', where: { id: { equals: id }, status: { equals: 'approved' } }, depth: 0, limit: 1, overrideAccess: false, req })
      const comment = docs[0]
      if (!comment) return errorAnswer(404, 'Not Found')
      const ipHash = readerAddressHash(req, options)
      await enforceRateLimit(req, [`report:ip:${ipHash}`])
      // One transaction: the report, the count (under the comment's lock) and the hold either all happen or none does.
      const shouldCommit = await initTransaction(req)
      try {
        const articleId = Number(typeof comment.article === 'object' ? comment.article.id : comment.article)
        // The article (and the comment with it) was deleted while this report waited for it.
        if ((await lockArticles(req, [articleId])).length === 0) {
          await killTransaction(req)
          return errorAnswer(404, 'Not Found')
        }
        if (await addReport(req, comment.id, input.data.reason, ipHash)) {
          const { reports, status } = await refreshReportCount(req, comment.id)
          if (status === 'approved' && reports >= (await commentSettings(req)).reportsToHold) {
            await req.payload.update({ collection: 'comments', id: comment.id, data: { status: 'pending', heldFor: 'reported by readers' }, overrideAccess: true, req })
          }
        }
        if (shouldCommit) await commitTransaction(req)
      } catch (failure) {
        await killTransaction(req)
        throw failure
      }
      return Response.json({ message: 'Thank you: a moderator will look at this comment.' }, { status: 202 })
    },
  }
}

const emailSchema = z.object({ email: z.string({ message: 'email is required' }).trim().toLowerCase().pipe(z.email({ message: 'email must be a valid email address' })) })

const adminOnly = (req: PayloadRequest) => (!req.user ? errorAnswer(401, 'You must be logged in.') : hasRole(req, 'admin') ? undefined : errorAnswer(403, 'Only admins may do this.'))

/** `GET /api/comments/by-email?email=`: every comment by an email, with its private fields (admins; data export). */
export const exportEndpoint: Endpoint = {
  path: '/by-email',
  method: 'get',
  handler: async (req) => {
    const refused = adminOnly(req)
    if (refused) return refused
    const input = emailSchema.safeParse({ email: req.searchParams.get('email') ?? undefined })
    if (!input.success) return errorAnswer(400, input.error.issues[0]!.message, 'email')
    const ids = await commentIdsByEmail(req, input.data.email)
    const { docs } = await req.payload.find({ collection: 'comments', where: { id: { in: ids } }, sort: 'createdAt', pagination: false, depth: 0, overrideAccess: true, req })
    return Response.json({ email: input.data.email, comments: docs })
  },
}

/** `POST /api/comments/erase { email }`: anonymises every comment by an email, keeping the threads (admins). */
export const eraseEndpoint: Endpoint = {
  path: '/erase',
  method: 'post',
  handler: async (req) => {
    const refused = adminOnly(req)
    if (refused) return refused
    const input = emailSchema.safeParse(await jsonBody(req))
    if (!input.success) return errorAnswer(400, input.error.issues[0]!.message, 'email')
    const erased = await eraseByEmail(req, input.data.email)
    return Response.json({ message: `Erased ${erased} comments.`, erased })
  },
}
