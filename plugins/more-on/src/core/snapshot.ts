/**
 * A rebuild's working set, built once from its staged index (no I/O here): every live story's posting, shared by the
 * lists of all its tags, so that a million stories cost a million small objects rather than one per tag.
 */
import type { ID, Posting, PostingIndex } from '../types.js'
import { precedes } from './scoring.js'

/** A staged index as read back: each live story's place (its entry with no tag), and each tag's stories. */
export type IndexEntries = { stories: Posting[]; byTag: ReadonlyMap<ID, readonly ID[]> }

export type Snapshot = {
  /** Every live story, as the scoring sees it. */
  stories: readonly Posting[]
  /** Each tag's live stories, sorted by date, then id. */
  postings: PostingIndex
  /** Each live story's tags. */
  tagsOf: ReadonlyMap<ID, readonly ID[]>
}

const byPlace = (a: Posting, b: Posting) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0)

export function snapshotOf({ stories, byTag }: IndexEntries): Snapshot {
  const byId = new Map(stories.map((story) => [story.id, story]))
  const postings = new Map<ID, Posting[]>()
  const tagsOf = new Map<ID, ID[]>()
  for (const [tag, ids] of byTag) {
    const list = ids.flatMap((id) => byId.get(id) ?? [])
    postings.set(tag, list.sort(byPlace))
    for (const { id } of list) (tagsOf.get(id) ?? tagsOf.set(id, []).get(id)!).push(tag)
  }
  return { stories, postings, tagsOf }
}
