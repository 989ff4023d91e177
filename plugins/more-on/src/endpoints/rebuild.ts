import type { Endpoint } from 'payload'

import type { Instance } from '../instance.js'
import { rebuild } from '../upkeep.js'

/** `POST /api/<recommendations>/rebuild`: recompute every list (after changing options, or to heal). */
export function rebuildEndpoint(instance: Instance): Endpoint {
  return {
    path: '/rebuild',
    method: 'post',
    handler: async (req) => {
      if (!req.user)
        return Response.json({ errors: [{ message: 'You must be logged in to rebuild the lists.' }] }, { status: 401 })
      if (!(await instance.options.canRebuild(req))) {
        return Response.json({ errors: [{ message: 'You are not allowed to rebuild the lists.' }] }, { status: 403 })
      }
      const result = await rebuild(req.payload, instance, ({ done, total }) =>
        req.payload.logger.info(`more-on: rebuilt ${done} of ${total} lists`),
      )
      return Response.json({ message: `Rebuilt ${result.sources} lists with ${result.links} links.`, ...result })
    },
  }
}
