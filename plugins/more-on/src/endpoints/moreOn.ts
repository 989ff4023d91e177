import type { Endpoint } from 'payload'

import { readableCards } from '../cards.js'
import type { Instance } from '../instance.js'
import { notFound, queryParameter, wholeNumber } from './query.js'

/** `GET /api/<collection>/:id/more-on?limit=N`: the story's "More on" block as cards. */
export function moreOnEndpoint(instance: Instance): Endpoint {
  const limitSchema = wholeNumber('limit', 1, 50, instance.options.listLength)
  return {
    path: '/:id/more-on',
    method: 'get',
    handler: async (req) => {
      const limit = queryParameter(req.searchParams, 'limit', limitSchema)
      if (limit instanceof Response) return limit
      const cards = await readableCards(req, instance, req.routeParams?.id, limit)
      return cards ? Response.json({ docs: cards }) : notFound()
    },
  }
}
