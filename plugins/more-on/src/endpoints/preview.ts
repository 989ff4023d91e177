import type { CollectionSlug, Endpoint } from 'payload'

import { readableCards } from '../cards.js'
import { explainEmptyBlock } from '../core/emptyBlock.js'
import { loadCounts } from '../db/counts.js'
import { storeFor } from '../db/store.js'
import type { Instance } from '../instance.js'
import { publicationOf } from '../publication.js'
import { relationIds } from '../hooks/stories.js'
import type { ListMode, Preview } from '../types.js'
import { notFound } from './query.js'

type Controls = { mode?: ListMode; pinned?: unknown[] }

/**
 * `GET /api/<collection>/:id/more-on/preview`, for the admin panel: the block as readers get it, and when it is
 * empty, why. Staff only; the story and the cards are read with the caller's access.
 */
export function previewEndpoint(instance: Instance): Endpoint {
  const { options } = instance
  return {
    path: '/:id/more-on/preview',
    method: 'get',
    handler: async (req) => {
      if (!req.user)
        return Response.json({ errors: [{ message: 'Log in to preview the "More on" block.' }] }, { status: 401 })
      const cards = await readableCards(req, instance, req.routeParams?.id, options.listLength)
      if (!cards) return notFound()
      const { listLength, threshold, fallbackUpTo } = instance.settings
      const settings = { listLength, threshold, fallbackUpTo }
      if (cards.length > 0) return Response.json({ docs: cards, empty: null, settings } satisfies Preview)

      const story = (await req.payload.findByID({
        collection: instance.slugs.stories as CollectionSlug,
        id: instance.toId(req.routeParams?.id)!,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      })) as unknown as Record<string, unknown>
      const tags = relationIds(instance, story[options.tagField])
      const controls = (story.moreOn ?? {}) as Controls
      const { live, goesLiveAt } = await publicationOf(req.payload, instance, story, req)
      const { df } = live ? await loadCounts(await storeFor(req, instance), tags) : { df: new Map() }
      const empty = explainEmptyBlock({
        mode: controls.mode ?? 'auto',
        live,
        goesLiveAt,
        pinned: controls.pinned?.length ?? 0,
        tags: tags.length,
        largestTag: Math.max(0, ...tags.map((tag) => df.get(tag) ?? 0)),
        threshold,
        fallbacks: fallbackUpTo > 0,
      })
      return Response.json({ docs: [], empty, settings } satisfies Preview)
    },
  }
}
