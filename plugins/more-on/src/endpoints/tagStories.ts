import type { CollectionSlug, Endpoint, Where } from 'payload'

import { liveWhere } from '../core/liveness.js'
import type { Instance } from '../instance.js'
import { notFound, queryParameter, wholeNumber } from './query.js'

/** A path segment as the URL gave it is percent-encoded ("%D0%BF..." for a slug in another script). */
const decodedSegment = (segment: string) => {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}

/**
 * `GET /api/<tags>/:tag/<stories>?page=&limit=&depth=`: "More on <tag>", newest first, in Payload's pagination shape.
 * `:tag` is the tag's slug (its `tagSlugField`), or its id when the tag collection has no slug field.
 */
export function tagStoriesEndpoint(instance: Instance): Endpoint {
  const { options } = instance
  const pageSchema = wholeNumber('page', 1, 100_000, 1)
  const limitSchema = wholeNumber('limit', 1, 100, 10)
  const depthSchema = wholeNumber('depth', 0, 3, 1)
  return {
    path: `/:tag/${instance.slugs.stories}`,
    method: 'get',
    handler: async (req) => {
      const page = queryParameter(req.searchParams, 'page', pageSchema)
      if (page instanceof Response) return page
      const limit = queryParameter(req.searchParams, 'limit', limitSchema)
      if (limit instanceof Response) return limit
      const depth = queryParameter(req.searchParams, 'depth', depthSchema)
      if (depth instanceof Response) return depth
      const access = { overrideAccess: false, user: req.user, req } as const
      const key = decodedSegment(String(req.routeParams?.tag ?? ''))
      const id = instance.toId(key)
      const byKey: Where | undefined = instance.tagSlugField
        ? { [instance.tagSlugField]: { equals: key.toLowerCase() } }
        : id !== undefined
          ? { id: { equals: id } }
          : undefined
      const { docs } = byKey
        ? await req.payload.find({
            collection: instance.slugs.tags as CollectionSlug,
            where: byKey,
            limit: 1,
            depth: 0,
            ...access,
          })
        : { docs: [] }
      if (docs.length === 0)
        return notFound(`No tag ${instance.tagSlugField ? 'with the slug' : 'with the id'} "${key}"`)
      const stories = await req.payload.find({
        collection: instance.slugs.stories as CollectionSlug,
        where: { and: [{ [options.tagField]: { in: [docs[0]!.id] } }, liveWhere(instance.liveness)] },
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
