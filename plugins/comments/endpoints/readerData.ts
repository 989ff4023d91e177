import type { Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { errorAnswer } from '../../shared/errorAnswer'
import { jsonBody } from '../../shared/jsonBody'
import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

const emailSchema = z.object({
  email: z
    .string({ message: 'email is required' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'email must be a valid email address' })),
})

function refusedUnlessAllowed({ options }: CommentsSetup, req: PayloadRequest) {
  if (!req.user) return errorAnswer(401, 'You must be logged in.')
  return options.canManageReaderData(req) ? undefined : errorAnswer(403, 'Only admins may do this.')
}

/** `GET /api/comments/by-email?email=`: every comment by an email, with its private fields (data export). */
export function exportEndpoint(setup: CommentsSetup): Endpoint {
  return {
    path: '/by-email',
    method: 'get',
    handler: async (req) => {
      const refused = refusedUnlessAllowed(setup, req)
      if (refused) return refused
      const input = emailSchema.safeParse({ email: req.searchParams.get('email') ?? undefined })
      if (!input.success) return errorAnswer(400, input.error.issues[0]!.message, 'email')
      const ids = await setup.store.commentIdsByEmail(req, input.data.email)
      const { docs } = await req.payload.find({
        collection: SLUGS.comments,
        where: { id: { in: ids } },
        sort: 'createdAt',
        pagination: false,
        depth: 0,
        overrideAccess: true,
        req,
      })
      return Response.json({ email: input.data.email, comments: docs })
    },
  }
}

/** `POST /api/comments/erase { email }`: anonymises every comment by an email, keeping the threads. */
export function eraseEndpoint(setup: CommentsSetup): Endpoint {
  return {
    path: '/erase',
    method: 'post',
    handler: async (req) => {
      const refused = refusedUnlessAllowed(setup, req)
      if (refused) return refused
      const input = emailSchema.safeParse(await jsonBody(req))
      if (!input.success) return errorAnswer(400, input.error.issues[0]!.message, 'email')
      const erased = await setup.store.eraseByEmail(req, input.data.email)
      return Response.json({ message: `Erased ${erased} comments.`, erased })
    },
  }
}
