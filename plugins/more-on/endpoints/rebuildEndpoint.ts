import type { Endpoint } from 'payload'

import type { Lists } from '../lists'
import type { ResolvedMoreOnOptions } from '../types'

/** `POST /api/<recommendations>/rebuild`: recompute every list (after changing options, or to heal). */
export function rebuildEndpoint(options: ResolvedMoreOnOptions, lists: Lists): Endpoint {
  return {
    path: '/rebuild',
    method: 'post',
    handler: async (req) => {
      if (!req.user) return Response.json({ errors: [{ message: 'You must be logged in to rebuild the lists.' }] }, { status: 401 })
      if (!(await options.canRebuild(req))) {
        return Response.json({ errors: [{ message: 'You are not allowed to rebuild the lists.' }] }, { status: 403 })
      }
      const result = await lists.rebuild(req.payload, ({ done, total }) =>
        req.payload.logger.info(`more-on: rebuilt ${done} of ${total} lists`),
      )
      return Response.json({ message: `Rebuilt ${result.sources} lists with ${result.links} links.`, ...result })
    },
  }
}
