import { commitTransaction, initTransaction, killTransaction, type Endpoint } from 'payload'
import { z } from 'zod'

import { errorAnswer } from '../../shared/errorAnswer'
import { jsonBody } from '../../shared/jsonBody'
import { parseSerialId } from '../../shared/serialId'
import { commentSettings, enforceRateLimit, readerAddressHash } from '../readerLimits'
import { REPORT_REASONS } from '../rules'
import { idOf, type CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

const reportSchema = z.object({
  reason: z.enum(REPORT_REASONS, { message: `reason must be one of ${REPORT_REASONS.join(', ')}` }),
})

/**
 * `POST /api/comments/:id/report { reason }`: a reader flags an approved comment; enough reports send it back to the
 * queue.
 */
export function reportEndpoint(setup: CommentsSetup): Endpoint {
  const { store } = setup
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
          : await req.payload.find({
              collection: SLUGS.comments,
              where: { id: { equals: id }, status: { equals: 'approved' } },
              depth: 0,
              limit: 1,
              overrideAccess: false,
              req,
            })
      const comment = docs[0]
      if (!comment) return errorAnswer(404, 'Not Found')
      const ipHash = readerAddressHash(req, setup)
      await enforceRateLimit(req, setup, [`report:ip:${ipHash}`])
      // One transaction: the report, the count (under the comment's lock) and the hold either all happen or none does.
      const shouldCommit = await initTransaction(req)
      try {
        // The document (and the comment with it) was deleted while this report waited for it.
        if ((await store.lockCommented(req, [idOf(comment.article)!])).length === 0) {
          await killTransaction(req)
          return errorAnswer(404, 'Not Found')
        }
        if (await store.addReport(req, comment.id, input.data.reason, ipHash)) {
          const { reports, status } = await store.refreshReportCount(req, comment.id)
          if (status === 'approved' && reports >= (await commentSettings(req)).reportsToHold) {
            await req.payload.update({
              collection: SLUGS.comments,
              id: comment.id,
              data: { status: 'pending', heldFor: 'reported by readers' },
              overrideAccess: true,
              req,
            })
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
