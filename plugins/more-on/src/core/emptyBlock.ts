/**
 * Why a story's "More on" block is empty, in words an editor can act on. A pure function of what the save left
 * behind: the story's controls, whether it is live, and how many published stories its tags hold.
 */
import type { EmptyBlock, EmptyReason, ListMode } from '../types.js'

export type BlockFacts = {
  mode: ListMode
  /** Published and its publish time has come. */
  live: boolean
  /** When a story not yet live will go live by itself: a future publish time, or a scheduled publish. */
  goesLiveAt: number | null
  pinned: number
  tags: number
  /** The most published stories any one of its tags holds, this one included. */
  largestTag: number
  threshold: number
  /** Whether candidates below the threshold fill short lists. */
  fallbacks: boolean
}

export function explainEmptyBlock(facts: BlockFacts): EmptyBlock {
  const because = (reason: EmptyReason, message: string): EmptyBlock => ({ reason, message })
  if (facts.mode === 'off') return because('off', 'The block is switched off for this story (More on › Mode: Off).')
  if (!facts.live) {
    return facts.goesLiveAt !== null
      ? because(
          'scheduled',
          `Scheduled for ${new Date(facts.goesLiveAt).toISOString()}: the block is built when the story goes live.`,
        )
      : because('not-published', 'Not published: the block is built when the story is published.')
  }
  if (facts.mode === 'pinned-only') {
    return because(
      'no-published-pins',
      facts.pinned === 0
        ? 'Pinned stories only, and none is pinned: pin stories, or switch the mode to Automatic.'
        : 'Pinned stories only, and none of the pinned stories is published.',
    )
  }
  if (facts.tags === 0)
    return because('no-tags', 'No tags: related stories are found through the tags a story shares with others.')
  if (facts.largestTag < 2) return because('no-shared-tags', 'No other published story shares a tag with this one yet.')
  if (facts.fallbacks) {
    return because(
      'all-excluded',
      'The stories that share its tags are excluded here or kept out of automatic links: pin stories, or add tags.',
    )
  }
  return because(
    'below-threshold',
    `Other stories share tags with this one, but none scores the threshold of ${facts.threshold} ` +
      '(or they are excluded): add more specific tags (people, places, events), or pin stories.',
  )
}
