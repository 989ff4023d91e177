/**
 * The types the plugin's modules share. This module imports nothing, so that every other one can import it without
 * a cycle.
 */

/** A document id: a number for Postgres' serial ids, a string for uuids. */
export type ID = number | string

export const LIST_MODES = ['auto', 'pinned-only', 'off'] as const
export type ListMode = (typeof LIST_MODES)[number]
/**
 * Why a link is in a list: an editor pinned it, it scored the threshold, or it is a fallback (it shares a tag but
 * scores below the threshold, and fills a list that would otherwise be short).
 */
export const ORIGINS = ['auto', 'pinned', 'fallback'] as const
export type Origin = (typeof ORIGINS)[number]

/** A published story as seen from one of its tags. */
export type Posting = { id: ID; publishedAt: number; neverAutoLink: boolean }
/** Every published story of each tag, sorted by publish date (then id). */
export type PostingIndex = ReadonlyMap<ID, readonly Posting[]>
/** A story's place on a tag's list: lists are sorted by date, then id. */
export type Place = { publishedAt: number; id: ID }

export type SourceStory = {
  id: ID
  publishedAt: number
  tags: readonly ID[]
  mode: ListMode
  /** Stories the editor pinned, in order. */
  pinned: readonly ID[]
  /** Stories the editor never wants in this list. */
  excluded: readonly ID[]
}
/** A story as the plugin reads it from the stories' tables. */
export type StoredStory = SourceStory & { live: boolean }

/** A pinned story that is live, with its tags (to explain what it shares). */
export type PinnableStory = { id: ID; publishedAt: number; tags: readonly ID[] }

export type SharedTag = { tag: ID; contribution: number }
export type Link = { target: ID; rank: number; score: number; sharedTags: SharedTag[]; origin: Origin }
/** A stored link as a change is judged against it: what a reader sees, and its score. */
export type ShownLink = Omit<Link, 'sharedTags'>

export type ScoringSettings = {
  listLength: number
  threshold: number
  /** Lists shorter than this are filled with fallback links (0: none); at most `listLength`. */
  fallbackUpTo: number
  halfLifeDays: number
  candidatesPerTag: number
}

/** What the plugin knows of a story as it was before a change: live (with its tags and date) or not. */
export type StoryState = { live: boolean; tags: readonly ID[]; publishedAt: number }
/** A story that changed (or was created, or deleted), with its state before (`null`: not live, or not there). */
export type Change = { id: ID; before: StoryState | null }

/** Published stories, in all and per tag. */
export type Counts = { published: number; df: ReadonlyMap<ID, number> }

/**
 * A shared tag on a card: the tag, its label (the tag collection's title field), its slug and kind when it has them.
 */
export type CardTag = { id: ID; label: string; slug?: string; kind?: string; contribution: number }
/** A card of a "More on" block: the story's chosen fields, and why it is there. */
export type Card = Record<string, unknown> & { id: ID; sharedTags: CardTag[]; score: number; origin: Origin }

export type EmptyReason =
  | 'off'
  | 'not-published'
  | 'scheduled'
  | 'no-published-pins'
  | 'no-tags'
  | 'no-shared-tags'
  | 'below-threshold'
  | 'all-excluded'
export type EmptyBlock = { reason: EmptyReason; message: string }

/** What `GET /api/<collection>/:id/more-on/preview` answers (the admin panel's view of the block). */
export type Preview = {
  docs: Card[]
  empty: EmptyBlock | null
  settings: { listLength: number; threshold: number; fallbackUpTo: number }
}

/** A suggested tag (`POST /api/<collection>/tag-suggestions`): the phrase of it found, and how often. */
export type TagSuggestion = {
  id: ID
  label: string
  slug?: string
  kind?: string
  matched: string
  occurrences: number
  publishedCount: number
}

export type RebuildProgress = { done: number; total: number }
export type RebuildResult = { sources: number; links: number; seconds: number }

/** What the plugin's hooks keep in `req.context` for one request, per plugin instance. */
export type MoreOnContext = {
  /** Set while the plugin recomputes, so nothing it triggers runs it again. */
  recomputing?: boolean
  /** The request's transaction, once the writers' lock is taken in it before the operation: it holds it to the end. */
  lockedIn?: string | number
  /** The stories the operation under way has created, changed or deleted so far, applied once it is done. */
  pendingStories?: ID[]
  /** The tags the operation under way changed the kind of, and the stories of the tags it deleted. */
  pendingTags?: { rescored: ID[]; untagged: ID[] }
}
