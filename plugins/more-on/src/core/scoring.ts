/**
 * The "More on" score, as pure functions of data (no I/O):
 *
 *   score(a, b) = Σ over tags t shared by a and b of idf(t) × kindWeight(t)  ×  2^(−|days between a and b| / halfLife)
 *   idf(t)      = ln(1 + N / df(t)), N = published stories, df(t) = published stories tagged t
 *
 * N and df are rounded to 1/8-octave steps (within ±4.4%), so one more story moves a tag's rarity only when its count
 * crosses a step: lists can then be kept exactly right by recomputing the few lists a change touches, rather than all.
 *
 * The time decay is measured between the two stories' publish dates, never from now, so an archive page keeps the
 * list it had. Ties go to the newer story, then the lower id. Links below the threshold are shown only as fallbacks:
 * after every scored link, and only while the list is shorter than `fallbackUpTo`.
 */
import type {
  ID,
  Link,
  Origin,
  PinnableStory,
  Place,
  Posting,
  PostingIndex,
  ScoringSettings,
  SharedTag,
  ShownLink,
  SourceStory,
} from '../types.js'
import { compareIds } from './ids.js'

const DAY_MS = 86_400_000

export type ListInputs = {
  postings: PostingIndex
  /** idf × kind weight of each tag. */
  tagValues: ReadonlyMap<ID, number>
  /** The live stories among the pins, by id; a pin missing here (a draft, unpublished) is skipped. */
  pinnable: ReadonlyMap<ID, PinnableStory>
  settings: ScoringSettings
}

/** Which 1/8-octave step a count falls in. */
export const statisticStep = (count: number): number => (count > 0 ? Math.round(8 * Math.log2(count)) : -Infinity)

/** A count rounded to its step. */
export const roundStatistic = (count: number): number => (count > 0 ? 2 ** (statisticStep(count) / 8) : 0)

export const idf = (df: number, published: number): number =>
  df > 0 ? Math.log(1 + roundStatistic(Math.max(published, df)) / roundStatistic(df)) : 0

export const timeDecay = (deltaMs: number, halfLifeDays: number): number =>
  2 ** -(Math.abs(deltaMs) / DAY_MS / halfLifeDays)

/** Whether a story comes before a place on a tag's list. */
export const precedes = (posting: Place, place: Place) =>
  posting.publishedAt < place.publishedAt ||
  (posting.publishedAt === place.publishedAt && compareIds(posting.id, place.id) < 0)

/** Where a story at `place` sits (or would sit) in a sorted list (binary search). */
function positionOf(postings: readonly Posting[], place: Place): number {
  let low = 0
  let high = postings.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (precedes(postings[middle]!, place)) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Where the `count` postings closest in time to a story sit in a sorted list: always a run of neighbours around the
 * story's own place, [start, end), and on a tie in time the earlier one wins, as if walking outward from the place one
 * posting at a time. Found by two binary searches: every run of `count` holding the place could be it, and moving a
 * run one posting later is right exactly while its first posting is farther in time than the one after its end.
 */
export function nearestRange(postings: readonly Posting[], place: Place, count: number): [start: number, end: number] {
  if (postings.length <= count) return [0, postings.length]
  const position = positionOf(postings, place)
  const own = postings[position]?.id === place.id ? 1 : 0
  let low = Math.max(0, position + own - count)
  let high = Math.min(position, postings.length - count)
  while (low < high) {
    const middle = (low + high) >> 1
    const before = place.publishedAt - postings[middle]!.publishedAt
    const after = postings[middle + count]!.publishedAt - place.publishedAt
    if (before > after) low = middle + 1
    else high = middle
  }
  return [low, low + count]
}

/** The postings within `reach` places of a story's place: every story whose nearest neighbours can include it. */
export function windowAround(postings: readonly Posting[], place: Place, reach: number): Posting[] {
  const position = positionOf(postings, place)
  return postings.slice(Math.max(0, position - reach), position + reach)
}

/** Score of one pair, with each shared tag's share of it (largest first, then by tag id). */
export function scorePair(
  source: Pick<SourceStory, 'publishedAt'>,
  target: { publishedAt: number },
  sharedTagIds: readonly ID[],
  tagValues: ReadonlyMap<ID, number>,
  halfLifeDays: number,
): { score: number; sharedTags: SharedTag[] } {
  const decay = timeDecay(target.publishedAt - source.publishedAt, halfLifeDays)
  return totalled(
    [...new Set(sharedTagIds)]
      .sort(compareIds)
      .map((tag) => ({ tag, contribution: (tagValues.get(tag) ?? 0) * decay })),
  )
}

/**
 * Score and shares from each shared tag's contribution, listed in tag order: summed in that order, largest share first.
 */
function totalled(shares: SharedTag[]): { score: number; sharedTags: SharedTag[] } {
  const score = shares.reduce((sum, { contribution }) => sum + contribution, 0)
  return { score, sharedTags: shares.sort((a, b) => b.contribution - a.contribution || compareIds(a.tag, b.tag)) }
}

/**
 * The score `scorePair` gives a candidate (its tags are distinct), to the last bit, without building its shares: a
 * list weighs hundreds of candidates to keep a handful.
 */
function candidateScore(
  source: Pick<SourceStory, 'publishedAt'>,
  candidate: Candidate,
  tagValues: ReadonlyMap<ID, number>,
  halfLifeDays: number,
): number {
  const decay = timeDecay(candidate.posting.publishedAt - source.publishedAt, halfLifeDays)
  const tags = candidate.shared.length > 1 ? [...candidate.shared].sort(compareIds) : candidate.shared
  let score = 0
  for (const tag of tags) score += (tagValues.get(tag) ?? 0) * decay
  return score
}

type Candidate = { posting: Posting; shared: ID[] }

/**
 * Candidates for a source: the stories nearest in time on each of its tags that it may link to, with the tags they
 * share. Tags are taken from the most valuable down. A story first met on a tag can share only that tag and the ones
 * after it, so once the most valuable tag's stories alone have put `room` shown candidates above what it could score,
 * it is not taken in: the stories already in still gather every tag they share, and the list is what it would be
 * with every candidate (most of a list's candidates come from its common tags, whose values are small).
 */
function gatherCandidates(
  source: SourceStory,
  skipped: (posting: Posting) => boolean,
  room: number,
  { postings, tagValues, settings }: Pick<ListInputs, 'postings' | 'tagValues' | 'settings'>,
) {
  const candidates = new Map<ID, Candidate>()
  const tags = [...new Set(source.tags)]
    .map((tag) => ({ tag, value: tagValues.get(tag) ?? 0 }))
    .sort((a, b) => b.value - a.value)
  let reachable = tags.reduce((sum, { value }) => sum + value, 0)
  let bar = -Infinity
  for (const [index, { tag, value }] of tags.entries()) {
    const admits = reachable * (1 + 1e-9) >= bar
    reachable -= value
    const list = postings.get(tag) ?? []
    const [start, end] = nearestRange(list, source, settings.candidatesPerTag + 1)
    for (let position = start; position < end; position++) {
      const posting = list[position]!
      if (posting.id === source.id || skipped(posting)) continue
      const entry = candidates.get(posting.id)
      if (entry) entry.shared.push(tag)
      else if (admits) candidates.set(posting.id, { posting, shared: [tag] })
    }
    if (index === 0) bar = lowestKept(source, candidates.values(), value, room, settings)
  }
  return candidates
}

/**
 * The `room`-th best score among candidates met on one tag of this value, as that tag alone scores them: the list's
 * last kept score can only be higher (their other shared tags add to it). -Infinity while fewer than `room` may show.
 */
function lowestKept(
  source: SourceStory,
  candidates: Iterable<Candidate>,
  value: number,
  room: number,
  settings: ScoringSettings,
): number {
  const shows = mayShow(settings)
  const scores: number[] = []
  for (const { posting } of candidates) {
    const score = value * timeDecay(posting.publishedAt - source.publishedAt, settings.halfLifeDays)
    if (shows({ score })) scores.push(score)
  }
  return room > 0 && scores.length >= room ? scores.sort((a, b) => b - a)[room - 1]! : -Infinity
}

type Ranked = { candidate: Candidate; score: number }

/** The display order of automatic candidates: by score, then newer, then lower id (a strict order: no ties). */
const ranksBefore = (a: Ranked, b: Ranked) =>
  a.score !== b.score
    ? a.score > b.score
    : a.candidate.posting.publishedAt !== b.candidate.posting.publishedAt
      ? a.candidate.posting.publishedAt > b.candidate.posting.publishedAt
      : compareIds(a.candidate.posting.id, b.candidate.posting.id) < 0

/** Keeps `entry` among the first `room` in display order (`kept` is in that order, at most `room` long). */
function keep(kept: Ranked[], entry: Ranked, room: number) {
  if (kept.length === room && !ranksBefore(entry, kept[room - 1]!)) return
  let position = kept.length === room ? room - 1 : kept.length
  while (position > 0 && ranksBefore(entry, kept[position - 1]!)) {
    kept[position] = kept[position - 1]!
    position--
  }
  kept[position] = entry
}

/** No candidate scores more than its shared tags' values added up (time decay is at most 1), give or take rounding. */
function scoreBound(candidate: Candidate, tagValues: ReadonlyMap<ID, number>): number {
  let bound = 0
  for (const tag of candidate.shared) bound += tagValues.get(tag) ?? 0
  return bound * (1 + 1e-9)
}

/**
 * The first `room` automatic candidates in display order: what sorting them all and cutting would give. Candidates
 * sharing several tags go first: they score highest, so the bar rises early and most of the others are turned away
 * by their tags' values alone, before their time decay is worked out.
 */
function bestCandidates(
  source: SourceStory,
  candidates: readonly Candidate[],
  tagValues: ReadonlyMap<ID, number>,
  room: number,
  settings: ScoringSettings,
): Ranked[] {
  const kept: Ranked[] = []
  if (room <= 0) return kept
  const shows = mayShow(settings)
  for (const several of [true, false]) {
    for (const candidate of candidates) {
      if (candidate.shared.length > 1 !== several) continue
      if (kept.length === room && scoreBound(candidate, tagValues) < kept[room - 1]!.score) continue
      const score = candidateScore(source, candidate, tagValues, settings.halfLifeDays)
      if (shows({ score })) keep(kept, { candidate, score }, room)
    }
  }
  return kept
}

/** The list a source shows: its published pins first, in the editor's order, then the best automatic links. */
export function buildList(source: SourceStory, { postings, tagValues, pinnable, settings }: ListInputs): Link[] {
  if (source.mode === 'off') return []
  const sourceTags = new Set(source.tags)
  const links: Link[] = []
  const pinnedIds = new Set<ID>()
  for (const id of source.pinned) {
    const story = pinnable.get(id)
    if (!story || id === source.id || pinnedIds.has(id)) continue
    pinnedIds.add(id)
    const shared = story.tags.filter((tag) => sourceTags.has(tag))
    links.push({
      target: id,
      rank: links.length + 1,
      ...scorePair(source, story, shared, tagValues, settings.halfLifeDays),
      origin: 'pinned',
    })
  }
  if (source.mode === 'pinned-only') return links

  const excluded = new Set(source.excluded)
  const skipped = (posting: Posting) => posting.neverAutoLink || excluded.has(posting.id) || pinnedIds.has(posting.id)
  const room = settings.listLength - links.length
  const candidates = [...gatherCandidates(source, skipped, room, { postings, tagValues, settings }).values()]
  const automatic = bestCandidates(source, candidates, tagValues, room, settings).map(({ candidate }) => {
    const { score, sharedTags } = scorePair(
      source,
      candidate.posting,
      candidate.shared,
      tagValues,
      settings.halfLifeDays,
    )
    return { target: candidate.posting.id, score, sharedTags, origin: originOf(score, settings) }
  })
  for (const link of shownAfterPins(automatic, links.length, settings)) links.push({ ...link, rank: links.length + 1 })
  return links
}

/** Whether an automatic candidate with this score may be shown at all: as a scored link, or else as a fallback. */
export const mayShow =
  (settings: ScoringSettings) =>
  ({ score }: { score: number }) =>
    score > 0 && (score >= settings.threshold || settings.fallbackUpTo > 0)

/** A shown automatic link's origin: scored if it reaches the threshold, else a fallback. */
export const originOf = (score: number, settings: ScoringSettings): 'auto' | 'fallback' =>
  score >= settings.threshold ? 'auto' : 'fallback'

/**
 * Of automatic links in display order (scored ones first, as their scores put them), those a list with `pins` pinned
 * links shows: scored links up to the list's length, then fallback links while the list is shorter than
 * `fallbackUpTo`. Always a prefix, so one more candidate can only push the last link out, never bring back another.
 */
function shownAfterPins<T extends { origin: Origin }>(
  sorted: readonly T[],
  pins: number,
  settings: ScoringSettings,
): T[] {
  const shown: T[] = []
  for (const link of sorted) {
    const position = pins + shown.length
    if (position >= settings.listLength || (link.origin === 'fallback' && position >= settings.fallbackUpTo)) break
    shown.push(link)
  }
  return shown
}

/** Scores that differ only by how they were summed or stored are a tie. */
const sameScore = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b))

/**
 * A list with one more automatic link, where `buildList` would place it: pins first, then by score, newer, lower id,
 * and fallback links only as far as `shownAfterPins` allows them. Exact when nothing else about the list changed;
 * `publishedAt` gives the date of every story in it. Stored links keep the origin they were stored with.
 */
export function withAutomaticLink<L extends ShownLink>(
  list: readonly L[],
  link: Omit<L, 'rank' | 'origin'>,
  publishedAt: ReadonlyMap<ID, number>,
  settings: ScoringSettings,
): L[] {
  const pins = list.filter((existing) => existing.origin === 'pinned')
  const automatic = [
    ...list.filter((existing) => existing.origin !== 'pinned'),
    { ...link, rank: 0, origin: originOf(link.score, settings) } as L,
  ].sort(
    (a, b) =>
      (sameScore(a.score, b.score) ? 0 : b.score - a.score) ||
      publishedAt.get(b.target)! - publishedAt.get(a.target)! ||
      compareIds(a.target, b.target),
  )
  return [...pins, ...shownAfterPins(automatic, pins.length, settings)].map((existing, index) => ({
    ...existing,
    rank: index + 1,
  }))
}

/** A link from each shared tag's contribution, scored exactly as `scorePair` scores it. */
export function linkFromContributions(
  target: ID,
  contributions: ReadonlyMap<ID, number>,
): Omit<Link, 'rank' | 'origin'> {
  return {
    target,
    ...totalled(
      [...contributions].sort(([a], [b]) => compareIds(a, b)).map(([tag, contribution]) => ({ tag, contribution })),
    ),
  }
}
