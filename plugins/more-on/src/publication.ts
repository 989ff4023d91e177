import type { Payload, PayloadRequest } from 'payload'

import { isLive, storyDate } from './core/liveness.js'
import type { Instance } from './instance.js'
import type { ID } from './types.js'

/**
 * When Payload's scheduled publishing (the admin panel's "Schedule Publish") will publish this story, if it will: the
 * earliest publish job still to come, or null. Only asked of collections that use it.
 */
async function scheduledPublishTime(
  payload: Payload,
  instance: Instance,
  id: ID,
  req?: PayloadRequest,
): Promise<number | null> {
  if (!instance.schedulePublish || !payload.collections['payload-jobs']) return null
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: 'schedulePublish' } },
        { 'input.type': { equals: 'publish' } },
        { 'input.doc.relationTo': { equals: instance.slugs.stories } },
        // The admin panel stores the id as a string; the typed Local API as it is.
        { or: [{ 'input.doc.value': { equals: String(id) } }, { 'input.doc.value': { equals: id } }] },
        { waitUntil: { greater_than: new Date().toISOString() } },
      ],
    },
    sort: 'waitUntil',
    limit: 1,
    depth: 0,
    req,
  })
  return docs[0]?.waitUntil ? new Date(docs[0].waitUntil).getTime() : null
}

export type Publication = { live: boolean; goesLiveAt: number | null }

/**
 * Whether a story is live (core/liveness.ts), and if not, when it goes live by itself: a published story's future
 * date, or a draft's scheduled publish (null: not until someone publishes it).
 */
export async function publicationOf(
  payload: Payload,
  instance: Instance,
  doc: Record<string, unknown>,
  req?: PayloadRequest,
): Promise<Publication> {
  if (isLive(doc, instance.liveness)) return { live: true, goesLiveAt: null }
  const published = !instance.liveness.drafts || doc._status === 'published'
  const date = storyDate(doc, instance.liveness)
  if (published && date !== null) return { live: false, goesLiveAt: date }
  const id = instance.toId(doc.id)
  return { live: false, goesLiveAt: id === undefined ? null : await scheduledPublishTime(payload, instance, id, req) }
}
