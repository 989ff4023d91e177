import type { CollectionSlug, Endpoint } from 'payload'

import { readableCards } from '../cards'
import { explainEmptyBlock } from '../emptyBlock'
import type { Lists } from '../lists'
import { publication } from '../scheduledPublish'
import { loadCounts, requestDatabase } from '../store'
import type { ID, ListMode, ResolvedMoreOnOptions } from '../types'
import { notFound } from './queries'

type Controls = { mode?: ListMode; pinned?: unknown[] }

/**
 * `GET /api/<collection>/:id/more-on/preview`, for the admin panel: the block as readers get it, and when it is
 * empty, why. Staff only; the story and the cards are read with the caller's access.
 */
export function previewEndpoint(options: ResolvedMoreOnOptions, lists: Lists): Endpoint {
  return {
    path: '/:id/more-on/preview',
    method: 'get',
    handler: async (req) => {
      if (!req.user) return Response.json({ errors: [{ message: 'Log in to preview the "More on" block.' }] }, { status: 401 })
      const names = lists.namesFor(req.payload)
      const cards = await readableCards(req, options, names, req.routeParams?.id, options.listLength)
      if (!cards) return notFound()
      const settings = { listLength: options.listLength, threshold: options.threshold }
      if (cards.length > 0) return Response.json({ docs: cards, empty: null, settings })

      const story = (await req.payload.findByID({
        collection: options.collection as CollectionSlug,
        id: Number(req.routeParams!.id),
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      })) as unknown as Record<string, unknown>
      const tags = ((story[options.tagField] as ID[] | undefined) ?? []).map(Number)
      const controls = (story.moreOn ?? {}) as Controls
      const publishedAt = story[options.publishedAtField] ? new Date(story[options.publishedAtField] as string).getTime() : null
      const { live, goesLiveAt } = await publication(req.payload, options.collection, { id: story.id as ID, status: story._status, publishedAt }, req)
      const { df } = live ? await loadCounts(await requestDatabase(req), names, tags) : { df: new Map<ID, number>() }
      const empty = explainEmptyBlock({
        mode: controls.mode ?? 'auto',
        live,
        goesLiveAt,
        pinned: controls.pinned?.length ?? 0,
        tags: tags.length,
        largestTag: Math.max(0, ...tags.map((tag) => df.get(tag) ?? 0)),
        threshold: options.threshold,
      })
      return Response.json({ docs: [], empty, settings })
    },
  }
}
