import type { CollectionSlug, Endpoint } from 'payload'

import type { ResolvedMoreOnOptions } from '../types'
import { notFound, queryParameter, wholeNumber } from './queries'

/** `GET /api/<tags>/:slug/<stories>?page=&limit=`: "More on <tag>", newest first, in Payload's pagination shape. */
export function tagStoriesEndpoint(options: ResolvedMoreOnOptions): Endpoint {
  return {
    path: `/:slug/${options.collection}`,
    method: 'get',
    handler: async (req) => {
      const page = queryParameter(req.searchParams, 'page', wholeNumber('page', 1, 100_000, 1))
      if (page instanceof Response) return page
      const limit = queryParameter(req.searchParams, 'limit', wholeNumber('limit', 1, 100, 10))
      if (limit instanceof Response) return limit
      const access = { overrideAccess: false, user: req.user, req } as const
      const slug = String(req.routeParams?.slug ?? '')
      const { docs } = await req.payload.find({
        collection: options.tagCollection as CollectionSlug,
        where: { slug: { equals: slug.toLowerCase() } },
        limit: 1,
        depth: 0,
        ...access,
      })
      if (docs.length === 0) return notFound(`No tag with the slug "${slug}"`)
      const depth = queryParameter(req.searchParams, 'depth', wholeNumber('depth', 0, 3, 1))
      if (depth instanceof Response) return depth
      const stories = await req.payload.find({
        collection: options.collection as CollectionSlug,
        where: { [options.tagField]: { in: [docs[0]!.id] } },
        sort: `-${options.publishedAtField}`,
        page,
        limit,
        depth,
        ...access,
      })
      return Response.json(stories)
    },
  }
}
