import type { CollectionSlug, PayloadRequest } from 'payload'

import { loadStoredLists, requestDatabase, type StoreNames } from './store'
import type { ID, Origin, ResolvedMoreOnOptions } from './types'

export type CardTag = { id: ID; name?: string; slug?: string; kind?: string; contribution: number }
export type Card = Record<string, unknown> & { id: ID; sharedTags: CardTag[]; score: number; origin: Origin }

/**
 * A story's "More on" block as the caller may see it: pins first, then automatic links, each explained; only readable
 * stories and tags are shown. With `checkSource`, the source story is read alongside the cards, with the caller's
 * access (the same answer Payload's own REST and GraphQL give), and null comes back when the caller may not read it.
 */
export async function loadCards(
  req: PayloadRequest,
  options: ResolvedMoreOnOptions,
  names: StoreNames,
  sourceId: ID,
  limit: number,
  { checkSource = false } = {},
): Promise<Card[] | null> {
  const access = { overrideAccess: false, user: req.user, req } as const
  const links = ((await loadStoredLists(await requestDatabase(req), names, [sourceId])).get(sourceId) ?? []).slice(0, limit)
  if (links.length === 0 && !checkSource) return []

  const storyIds = [...(checkSource ? [sourceId] : []), ...links.map((link) => link.target)]
  const tagIds = [...new Set(links.flatMap((link) => (link.sharedTags ?? []).map((shared) => shared.tag)))]
  const [{ docs: stories }, { docs: tags }] = await Promise.all([
    req.payload.find({
      collection: options.collection as CollectionSlug,
      where: { id: { in: storyIds } },
      select: { ...options.cardSelect, [options.publishedAtField]: true },
      populate: options.cardPopulate,
      depth: 1,
      pagination: false,
      ...access,
    } as Parameters<typeof req.payload.find>[0]),
    tagIds.length
      ? req.payload.find({ collection: options.tagCollection as CollectionSlug, where: { id: { in: tagIds } }, depth: 0, pagination: false, ...access })
      : { docs: [] },
  ])

  const storyById = new Map(stories.map((doc) => [Number(doc.id), doc as unknown as Record<string, unknown>]))
  if (checkSource && !storyById.has(sourceId)) return null
  const tagById = new Map(tags.map((doc) => [Number(doc.id), doc as unknown as Record<string, unknown>]))
  return links.flatMap((link) => {
    const story = storyById.get(link.target)
    if (!story) return []
    const sharedTags = (link.sharedTags ?? []).flatMap(({ tag, contribution }) => {
      const doc = tagById.get(tag)
      if (!doc) return []
      const kind = options.kindField ? (doc[options.kindField] as string | undefined) : undefined
      return [{ id: tag, name: doc.name as string | undefined, slug: doc.slug as string | undefined, ...(kind ? { kind } : {}), contribution }]
    })
    return [{ ...story, id: Number(story.id), sharedTags, score: link.score, origin: link.origin }]
  })
}

/** The block of a story the caller may read; null when the id is not a story the caller may read. */
export function readableCards(req: PayloadRequest, options: ResolvedMoreOnOptions, names: StoreNames, id: unknown, limit: number): Promise<Card[] | null> {
  if (!/^\d+$/.test(String(id))) return Promise.resolve(null)
  return loadCards(req, options, names, Number(id), limit, { checkSource: true })
}
