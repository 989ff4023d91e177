/**
 * A rebuild's working set, built once from its staged index (no I/O here): every live story's posting, shared by the
 * lists of all its tags, so that a million stories cost a million small objects rather than one per tag. Each story's
 * tags are numbers in one shared typed array rather than an array each: at a million stories, a million small arrays
 * held about 90 MB for the whole rebuild, and every full collection walked them.
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
  /** The tags of the story at this position of `stories`, in a new array. */
  tagsOf: (position: number) => ID[]
}

const byPlace = (a: Posting, b: Posting) => (precedes(a, b) ? -1 : precedes(b, a) ? 1 : 0)

export function snapshotOf({ stories, byTag }: IndexEntries): Snapshot {
  const positions = new Map(stories.map((story, position) => [story.id, position]))
  // Where each story's tags start in `tagNumbers`: story i's run is [starts[i], starts[i + 1]).
  const starts = new Int32Array(stories.length + 1)
  const postings = new Map<ID, Posting[]>()
  for (const [tag, ids] of byTag) {
    // Every tagged entry's story has its own entry in the same staged index, so each id has a position.
    const list = ids.map((id) => {
      const position = positions.get(id)!
      starts[position + 1]!++
      return stories[position]!
    })
    postings.set(tag, list.sort(byPlace))
  }
  for (let position = 0; position < stories.length; position++) starts[position + 1]! += starts[position]!
  const tags = [...postings.keys()]
  const tagNumbers = new Int32Array(starts[stories.length]!)
  const filled = starts.slice(0, stories.length)
  for (const [number, tag] of tags.entries())
    for (const story of postings.get(tag)!) tagNumbers[filled[positions.get(story.id)!]!++] = number
  return { stories, postings, tagsOf: tagsReader(tags, starts, tagNumbers) }
}

// A function of its own: a closure made in `snapshotOf` would keep everything its other closures use alive with it.
const tagsReader =
  (tags: readonly ID[], starts: Int32Array, tagNumbers: Int32Array) =>
  (position: number): ID[] =>
    Array.from(tagNumbers.subarray(starts[position]!, starts[position + 1]!), (number) => tags[number]!)
