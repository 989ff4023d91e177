import type { CollectionSlug, PayloadRequest } from 'payload'

import type { SharedTag } from './scoring'
import type { ID, Origin, ResolvedMoreOnOptions } from './types'

export type CardTag = { id: ID; name?: string; slug?: string; kind?: string; contribution: number }
export type Card = Record<string, unknown> & { id: ID; sharedTags: CardTag[]; score: number; origin: Origin }

type StoredLink = { target: ID | { id: ID }; sharedTags?: SharedTag[] | null; score: number; origin: Origin }

const idOf = (value: ID | { id: ID }) => Number(typeof value === 'object' ? value.id : value)

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

/** A story's "More on" block as the caller may see it: pins first, then automatic links, each explained. */
export async function loadCards(req: PayloadRequest, options: ResolvedMoreOnOptions, sourceId: ID, limit: number): Promise<Card[]> {
  const access = { overrideAccess: false, user: req.user, req } as const
  const { docs: links } = (await req.payload.find({
    collection: options.recommendationsSlug as CollectionSlug,
    where: { source: { equals: sourceId } },
    sort: 'rank',
    limit,
    depth: 0,
    ...access,
  })) as unknown as { docs: StoredLink[] }
  if (links.length === 0) return []

  const targetIds = links.map((link) => idOf(link.target))
  const { docs: targets } = await req.payload.find({
    collection: options.collection as CollectionSlug,
    where: { id: { in: targetIds } },
    select: { ...options.cardSelect, [options.publishedAtField]: true },
    populate: options.cardPopulate,
    depth: 1,
    limit: targetIds.length,
    ...access,
  } as Parameters<typeof req.payload.find>[0])
  const tagIds = [...new Set(links.flatMap((link) => (link.sharedTags ?? []).map((shared) => shared.tag)))]
  const { docs: tags } = tagIds.length
    ? await req.payload.find({ collection: options.tagCollection as CollectionSlug, where: { id: { in: tagIds } }, depth: 0, limit: tagIds.length, ...access })
    : { docs: [] }

  const storyById = new Map(targets.map((doc) => [Number(doc.id), doc as unknown as Record<string, unknown>]))
  const tagById = new Map(tags.map((doc) => [Number(doc.id), doc as unknown as Record<string, unknown>]))
  return links.flatMap((link) => {
    const story = storyById.get(idOf(link.target))
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
