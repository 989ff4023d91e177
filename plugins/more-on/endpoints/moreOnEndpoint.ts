import type { Endpoint } from 'payload'

import { readableCards } from '../cards'
import type { Lists } from '../lists'
import type { ResolvedMoreOnOptions } from '../types'
import { notFound, queryParameter, wholeNumber } from './queries'

/** `GET /api/<collection>/:id/more-on?limit=N`: the story's "More on" block as cards. */
export function moreOnEndpoint(options: ResolvedMoreOnOptions, lists: Lists): Endpoint {
  return {
    path: '/:id/more-on',
    method: 'get',
    handler: async (req) => {
      const limit = queryParameter(req.searchParams, 'limit', wholeNumber('limit', 1, 50, options.listLength))
      if (limit instanceof Response) return limit
      const cards = await readableCards(req, options, lists.namesFor(req.payload), req.routeParams?.id, limit)
      return cards ? Response.json({ docs: cards }) : notFound()
    },
  }
}
