/**
 * A rebuild's working set, built once from its staged index (no I/O here): every live story's posting, shared by the
 * lists of all its tags, so that a million stories cost a million small objects rather than one per tag. Arrays are
 * allocated at their final length: grown by `push`, a story's five tags would take room for seventeen.
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
  /** Each live story's tags, in the order of `stories`. */
  tags: readonly (readonly ID[])[]
}

const byPlace = (a: Posting, b: Posting) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0)

export function snapshotOf({ stories, byTag }: IndexEntries): Snapshot {
  const positions = new Map(stories.map((story, position) => [story.id, position]))
  const counts = new Int32Array(stories.length)
  const postings = new Map<ID, Posting[]>()
  for (const [tag, ids] of byTag) {
    // Every tagged entry's story has its own entry in the same staged index, so each id has a position.
    const list = ids.map((id) => {
      const position = positions.get(id)!
      counts[position]!++
      return stories[position]!
    })
    postings.set(tag, list.sort(byPlace))
  }
  const tags = Array.from(counts, (count) => new Array<ID>(count))
  const filled = new Int32Array(stories.length)
  for (const [tag, list] of postings)
    for (const story of list) {
      const position = positions.get(story.id)!
      tags[position]![filled[position]!++] = tag
    }
  return { stories, postings, tags }
}
