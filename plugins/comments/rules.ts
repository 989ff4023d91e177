/**
 * Moderation rules for reader comments, as pure functions: what state a new comment gets, whether an article takes
 * comments, where a reply sits in the thread.
 */
import { DAY_MS } from '../shared/time'

/** A comment's states: waiting for a moderator, shown, turned down, or caught as spam. */
export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const
export type CommentStatus = (typeof COMMENT_STATUSES)[number]

/** Why a reader reports a comment. */
export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const

/** Pre-moderated: every comment waits. Post-moderated: published unless a rule holds it. */
export type Moderation = 'pre' | 'post'

const MAX_DEPTH = 3

function countLinks(text: string): number {
  return (text.match(/\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|info|biz|io|ru|xyz)\b/gi) ?? []).length
}

/** The first listed word or phrase the text contains, as a whole word, ignoring case. */
function findListedWord(text: string, words: readonly string[]): string | undefined {
  const lower = text.toLowerCase()
  return words.find((word) => {
    const escaped = word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    return escaped !== '' && new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(lower)
  })
}

export type Verdict = { status: CommentStatus; reason?: string }

export type VerdictInput = {
  body: string
  honeypot: boolean
  moderation: Moderation
  /** Whether the email already has an approved comment on the site. */
  knownCommenter: boolean
  suspectWords: readonly string[]
  bannedWords: readonly string[]
}

/** Rejected outright (spam) before held (pending) before published (approved). */
export function verdictFor({
  body,
  honeypot,
  moderation,
  knownCommenter,
  suspectWords,
  bannedWords,
}: VerdictInput): Verdict {
  if (honeypot) return { status: 'spam', reason: 'honeypot' }
  const banned = findListedWord(body, bannedWords)
  if (banned) return { status: 'spam', reason: `banned word "${banned}"` }
  if (moderation === 'pre') return { status: 'pending', reason: 'pre-moderation' }
  if (countLinks(body) >= 2) return { status: 'pending', reason: 'two or more links' }
  const suspect = findListedWord(body, suspectWords)
  if (suspect) return { status: 'pending', reason: `suspect word "${suspect}"` }
  if (!knownCommenter) return { status: 'pending', reason: 'first comment from this email' }
  return { status: 'approved' }
}

export type Discussion = { status?: 'open' | 'closed' | null; autoCloseDays?: number | null }

/** Whether an article takes comments now: open, and not past its auto-close (0 means never). */
export function isOpenForComments(
  discussion: Discussion | null | undefined,
  publishedAt: string | null | undefined,
  now: number,
): boolean {
  if (discussion?.status === 'closed') return false
  const days = discussion?.autoCloseDays ?? 14
  if (days > 0 && publishedAt && now > Date.parse(publishedAt) + days * DAY_MS) return false
  return true
}

/** A reply nests one deeper than its parent, down to MAX_DEPTH; a reply to a deepest comment becomes its sibling. */
export function placeReply(parent: { id: number; depth: number; parent: number | null }): {
  parent: number
  depth: number
} {
  return parent.depth >= MAX_DEPTH
    ? { parent: parent.parent ?? parent.id, depth: MAX_DEPTH }
    : { parent: parent.id, depth: parent.depth + 1 }
}

export const parseWordList = (text: string | null | undefined): string[] =>
  (text ?? '')
    .split(/[\n,]/)
    .map((word) => word.trim())
    .filter(Boolean)
