/**
 * The one rule for when a story is live (readers see it, it is linked and it links): it is published (its status is
 * `published` when the collection has drafts; every document is, otherwise) and its date has come. Its date is its
 * publish date, or, for a published story that has none, the moment it was created. The rule is written three times,
 * each a rendering of this one: here for documents, `liveWhere` for Payload queries, and `liveSql` (db/stories.ts).
 */
import type { Where } from 'payload'

export type LivenessFields = {
  /** The story collection's date field. */
  publishedAt: string
  /** Whether the collection has drafts (a `_status`). */
  drafts: boolean
}

/** A story's place in time: its publish date, or its creation when it has none. */
export function storyDate(doc: Record<string, unknown>, fields: LivenessFields): number | null {
  const value = doc[fields.publishedAt] ?? doc.createdAt
  const time = typeof value === 'string' || value instanceof Date ? new Date(value).getTime() : NaN
  return Number.isFinite(time) ? time : null
}

export const isPublished = (doc: Record<string, unknown>, fields: LivenessFields) =>
  !fields.drafts || doc._status === 'published'

/** Whether readers see the story at `now`. */
export function isLive(doc: Record<string, unknown>, fields: LivenessFields, now = Date.now()): boolean {
  const date = storyDate(doc, fields)
  return isPublished(doc, fields) && date !== null && date <= now
}

/** The same rule as a Payload query. */
export function liveWhere(fields: LivenessFields, now = Date.now()): Where {
  const at = new Date(now).toISOString()
  const dateHasCome: Where = {
    or: [
      { [fields.publishedAt]: { less_than_equal: at } },
      { and: [{ [fields.publishedAt]: { exists: false } }, { createdAt: { less_than_equal: at } }] },
    ],
  }
  return fields.drafts ? { and: [{ _status: { equals: 'published' } }, dateHasCome] } : dateHasCome
}
