import type { CollectionSlug, PayloadRequest } from 'payload'

import { loadStoredLists, requestDatabase, type StoreNames } from './store'
import type { ID, Origin, ResolvedMoreOnOptions } from './types'

export type CardTag = { id: ID; name?: string; slug?: string; kind?: string; contribution: number }
export type Card = Record<string, unknown> & { id: ID; sharedTags: CardTag[]; score: number; origin: Origin }

/** Whether the caller may read this story: the same answer Payload's own REST and GraphQL give. */
export async function canRead(req: PayloadRequest, options: ResolvedMoreOnOptions, id: unknown): Promise<boolean> {
  if (!/^\d+$/.test(String(id))) return false
  const { totalDocs } = await req.payload.count({
    collection: options.collection as CollectionSlug,
    where: { id: { equals: Number(id) } },
    overrideAccess: false,
    user: req.user,
    req,
  })
  return totalDocs > 0
}

/**
 * A story's "More on" block as the caller may see it: pins first, then automatic links, each explained.
 * The caller has checked that the source story is readable; only readable stories and tags are shown.
 */
export async function loadCards(req: PayloadRequest, options: ResolvedMoreOnOptions, names: StoreNames, sourceId: ID, limit: number): Promise<Card[]> {
  const access = { overrideAccess: false, user: req.user, req } as const
  const links = ((await loadStoredLists(await requestDatabase(req), names, [sourceId])).get(sourceId) ?? []).slice(0, limit)
  if (links.length === 0) return []

  const targetIds = links.map((link) => link.target)
  const tagIds = [...new Set(links.flatMap((link) => (link.sharedTags ?? []).map((shared) => shared.tag)))]
  const [{ docs: targets }, { docs: tags }] = await Promise.all([
    req.payload.find({
      collection: options.collection as CollectionSlug,
      where: { id: { in: targetIds } },
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

  const storyById = new Map(targets.map((doc) => [Number(doc.id), doc as unknown as Record<string, unknown>]))
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

/** The block of a story the caller may read (checked alongside, not before, to save a round trip); null when it may not. */
export async function readableCards(
  req: PayloadRequest,
  options: ResolvedMoreOnOptions,
  names: StoreNames,
  id: unknown,
  limit: number,
): Promise<Card[] | null> {
  if (!/^\d+$/.test(String(id))) return null
  const [readable, cards] = await Promise.all([canRead(req, options, id), loadCards(req, options, names, Number(id), limit)])
  return readable ? cards : null
}
