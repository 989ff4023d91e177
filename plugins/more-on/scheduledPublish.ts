import type { Payload, PayloadRequest } from 'payload'

/**
 * When Payload's scheduled publishing (the admin panel's "Schedule Publish") will publish this document, if it will:
 * the earliest publish job still to come, or null.
 */
export async function scheduledPublishTime(payload: Payload, collection: string, id: number | string, req?: PayloadRequest): Promise<number | null> {
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
