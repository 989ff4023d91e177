import type { Payload, PayloadRequest } from 'payload'

/**
 * When Payload's scheduled publishing (the admin panel's "Schedule Publish") will publish this document, if it will:
 * the earliest publish job still to come, or null.
 */
async function scheduledPublishTime(payload: Payload, collection: string, id: number | string, req?: PayloadRequest): Promise<number | null> {
  if (!payload.collections['payload-jobs']) return null
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: {
      and: [
        { taskSlug: { equals: 'schedulePublish' } },
        { 'input.type': { equals: 'publish' } },
        { 'input.doc.relationTo': { equals: collection } },
        // The admin panel stores the id as a string; the typed Local API as a number.
        { or: [{ 'input.doc.value': { equals: String(id) } }, { 'input.doc.value': { equals: Number(id) } }] },
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

export type Publication = { id: number | string; status: unknown; publishedAt: number | null }

/**
 * Whether a story is live, and if not, when it goes live by itself: a published story's future publish time, or a
 * draft's scheduled publish (null: not until someone publishes it). Collections without drafts have no status.
 */
export async function publication(
  payload: Payload,
  collection: string,
  { id, status, publishedAt }: Publication,
  req?: PayloadRequest,
): Promise<{ live: boolean; goesLiveAt: number | null }> {
  const published = status !== 'draft' && publishedAt !== null
  if (published && publishedAt <= Date.now()) return { live: true, goesLiveAt: null }
  return { live: false, goesLiveAt: published ? publishedAt : await scheduledPublishTime(payload, collection, id, req) }
}
