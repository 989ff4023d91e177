import type { CollectionSlug, PayloadRequest } from 'payload'

import { loadShownList } from './db/recommendations.js'
import { storeFor } from './db/store.js'
import type { Instance } from './instance.js'
import type { Card, CardTag, ID } from './types.js'

export type CardShape = 'rest' | 'graphql'

/**
 * A story's "More on" block as the caller may see it: pins first, then automatic links, each explained; only readable
 * stories and tags are shown. The source story is read alongside the cards with the caller's access (the answer
 * Payload's own REST and GraphQL give), and null comes back when the caller may not read it (`checkSource`).
 *
 * REST cards carry the fields `cardSelect` names, with `cardPopulate`'s relationships filled in; GraphQL cards are
 * whole documents at depth 0, for Payload's own GraphQL resolvers to fill in what the query asks for.
 */
export async function loadCards(
  req: PayloadRequest,
  instance: Instance,
  sourceId: ID,
  limit: number,
  { checkSource = false, shape = 'rest' as CardShape } = {},
): Promise<Card[] | null> {
  const { options } = instance
  const access = { overrideAccess: false, user: req.user, req } as const
  const store = await storeFor(req, instance)
  const links = (await loadShownList(store, sourceId)).slice(0, limit)
  if (links.length === 0 && !checkSource) return []

  const storyIds = [...(checkSource ? [sourceId] : []), ...links.map((link) => link.target)]
  const tagIds = [...new Set(links.flatMap((link) => link.sharedTags.map((shared) => shared.tag)))]
  const tagSelect: Record<string, true> = {
    [instance.tagTitleField]: true,
    ...(instance.tagSlugField ? { [instance.tagSlugField]: true } : {}),
    ...(options.kindField ? { [options.kindField]: true } : {}),
  }
  const readStories = () =>
    req.payload.find({
      collection: instance.slugs.stories as CollectionSlug,
      where: { id: { in: storyIds } },
      ...(shape === 'rest'
        ? {
            select: { ...instance.cardSelect, [options.publishedAtField]: true },
            populate: options.cardPopulate,
            depth: 1,
          }
        : { depth: 0 }),
      pagination: false,
      ...access,
    } as Parameters<typeof req.payload.find>[0])
  const readTags = async () =>
    tagIds.length
      ? req.payload.find({
          collection: instance.slugs.tags as CollectionSlug,
          where: { id: { in: tagIds } },
          select: tagSelect,
          depth: 0,
          pagination: false,
          ...access,
        })
      : { docs: [] }
  // On the pool the two reads run side by side; a transaction's one connection takes one statement at a time.
  const [{ docs: stories }, { docs: tags }] =
    (await req.transactionID) === undefined
      ? await Promise.all([readStories(), readTags()])
      : [await readStories(), await readTags()]

  const storyById = new Map(stories.map((doc) => [String(doc.id), doc as unknown as Record<string, unknown>]))
  if (checkSource && !storyById.has(String(sourceId))) return null
  const tagById = new Map(tags.map((doc) => [String(doc.id), doc as unknown as Record<string, unknown>]))
  return links.flatMap((link) => {
    const story = storyById.get(String(link.target))
    if (!story) return []
    const sharedTags = link.sharedTags.flatMap(({ tag, contribution }): CardTag[] => {
      const doc = tagById.get(String(tag))
      if (!doc) return []
      const label = doc[instance.tagTitleField]
      const slug = instance.tagSlugField ? doc[instance.tagSlugField] : undefined
      const kind = options.kindField ? doc[options.kindField] : undefined
      return [
        {
          id: tag,
          label: typeof label === 'string' && label !== '' ? label : String(tag),
          ...(typeof slug === 'string' ? { slug } : {}),
          ...(typeof kind === 'string' ? { kind } : {}),
          contribution,
        },
      ]
    })
    return [{ ...story, id: link.target, sharedTags, score: link.score, origin: link.origin }]
  })
}

/** The block of a story the caller may read; null when the id is not a story the caller may read. */
export function readableCards(
  req: PayloadRequest,
  instance: Instance,
  id: unknown,
  limit: number,
  shape: CardShape = 'rest',
): Promise<Card[] | null> {
  const sourceId = instance.toId(id)
  if (sourceId === undefined) return Promise.resolve(null)
  return loadCards(req, instance, sourceId, limit, { checkSource: true, shape })
}
