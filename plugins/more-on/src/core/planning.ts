/**
 * What a change to some stories touches, as pure functions of what was read (no I/O): the upkeep (upkeep.ts) reads
 * windows of the index, stored lists and counts, and these decide which lists to extend, which to recompute, and what
 * to leave to a queued job.
 *
 * A story's candidates on a tag are the stories nearest to it in time there, so a change to a story can alter the
 * candidates of the stories near its old and new places on each of its tags (and no others). Of those, only lists
 * that can actually change are touched: a changed story that now enters a list is placed in it; lists that show a
 * story that stopped being a candidate, or that gained some other candidate, are recomputed; and so are the changed
 * story's own list and the lists that show it. A tag's rarity moves only when its count crosses a rounding step (and
 * N's only when the whole count does): then the stories of a tag with few of them are rescored in the save, those of
 * a bigger tag (or all lists) by a queued job.
 */
import type {
  Change,
  Counts,
  ID,
  Link,
  Place,
  Posting,
  ScoringSettings,
  SharedTag,
  ShownLink,
  SourceStory,
  StoredStory,
  StoryState,
} from '../types.js'
import { compareIds } from './ids.js'
import {
  linkFromContributions,
  mayShow,
  nearestRange,
  originOf,
  precedes,
  statisticStep,
  timeDecay,
  windowAround,
  withAutomaticLink,
} from './scoring.js'

/**
 * A tag whose rarity moved is rescored in the save itself when it has at most this many stories, else by a queued job.
 */
export const RESCORED_IN_THE_SAVE = 16

const unique = <T>(items: Iterable<T>) => [...new Set(items)]

/** Whether a story, in this state, is on the tag's list of live stories. */
const listedOn = (state: StoryState | StoredStory | null | undefined, tag: ID) =>
  Boolean(state?.live && state.tags.includes(tag))

/** How the live counts move: in all, and on each tag a changed story was or is on. */
export type CountDeltas = { published: number; byTag: Map<ID, number> }

export function countDeltas(changes: readonly Change[], now: ReadonlyMap<ID, StoredStory>): CountDeltas {
  const tags = unique(
    changes.flatMap((change) => [...(change.before?.tags ?? []), ...(now.get(change.id)?.tags ?? [])]),
  )
  const delta = (was: boolean, is: boolean) => Number(is) - Number(was)
  return {
    published: changes.reduce(
      (sum, change) => sum + delta(Boolean(change.before?.live), Boolean(now.get(change.id)?.live)),
      0,
    ),
    byTag: new Map(
      tags.map((tag) => [
        tag,
        changes.reduce(
          (sum, change) => sum + delta(listedOn(change.before, tag), listedOn(now.get(change.id), tag)),
          0,
        ),
      ]),
    ),
  }
}

/** Which 1/8-octave step a count moved out of, if it did. */
const stepMoved = (count: number, delta: number) => statisticStep(count) !== statisticStep(count - delta)

/**
 * Whose rarity the change moved, and who rescores it: small tags in the save, crowded ones (or every list, when the
 * count of all stories moved) in a queued job.
 */
export function rescoring(counts: Counts, deltas: CountDeltas) {
  const moved = [...deltas.byTag]
    .filter(([tag, delta]) => stepMoved(counts.df.get(tag) ?? 0, delta))
    .map(([tag]) => tag)
  const isSmall = (tag: ID) => {
    const count = counts.df.get(tag) ?? 0
    return Math.max(count, count - deltas.byTag.get(tag)!) <= RESCORED_IN_THE_SAVE
  }
  return {
    inTheSave: moved.filter(isSmall),
    crowded: moved.filter((tag) => !isSmall(tag)),
    rebuildAll: stepMoved(counts.published, deltas.published),
  }
}

/** A place a changed story holds, or held, on one of its tags. */
export type TouchedPlace = { tag: ID; place: Place }

/** The old and new places of each changed story on each of its tags (each once). */
export function touchedPlaces(changes: readonly Change[], now: ReadonlyMap<ID, StoredStory>): TouchedPlace[] {
  const places = new Map<string, TouchedPlace>()
  for (const change of changes) {
    for (const state of [change.before, now.get(change.id)]) {
      if (!state?.live) continue
      for (const tag of state.tags)
        places.set(JSON.stringify([tag, state.publishedAt, change.id]), {
          tag,
          place: { publishedAt: state.publishedAt, id: change.id },
        })
    }
  }
  return [...places.values()]
}

/** How far windows around touched places reach: twice as far as candidates do, and one place more per change. */
export const windowReachFor = (candidatesPerTag: number, changes: number) => 2 * (candidatesPerTag + 1) + changes

/**
 * How a nearby story's candidates changed: stories that arrived (other than the changed ones), stories that left
 * (with the tags on which each stopped being a candidate), and the score each changed story now has as its candidate
 * (the tags it is found through, from the windows alone).
 */
export type CandidateChange = {
  arrived: Set<ID>
  left: Map<ID, Set<ID>>
  changedScores: Map<ID, Map<ID, number>>
}
export type CandidateChanges = Map<ID, CandidateChange>

export type CandidateInputs = {
  changes: readonly Change[]
  now: ReadonlyMap<ID, StoredStory>
  /** Each touched place, with the window of the index around it as it now is (`windowReach` stories on each side). */
  windows: readonly { tag: ID; place: Place; window: readonly Posting[] }[]
  windowReach: number
  /** idf × kind weight of each tag. */
  tagValues: ReadonlyMap<ID, number>
  settings: ScoringSettings
}

/**
 * Around each changed story's old and new place on each of its tags: the stories whose candidates changed, and how;
 * and each changed story's own neighbourhood on each of its tags as it now is (all its own list needs). Windows are
 * wide enough that each nearby story's candidates are seen whole, before and after.
 */
export function candidateChanges({ changes, now, windows, windowReach, tagValues, settings }: CandidateInputs) {
  const reach = settings.candidatesPerTag + 1
  const changedIds = new Set(changes.map((change) => change.id))
  const changed: CandidateChanges = new Map()
  const ownPostings = new Map<ID, Map<ID, readonly Posting[]>>()
  const entryOf = (id: ID) =>
    changed.get(id) ?? changed.set(id, { arrived: new Set(), left: new Map(), changedScores: new Map() }).get(id)!
  for (const { tag, place, window: after } of windows) {
    if (now.get(place.id)?.publishedAt === place.publishedAt) {
      ;(ownPostings.get(place.id) ?? ownPostings.set(place.id, new Map()).get(place.id)!).set(tag, after)
    }
    const earlierCount = after.filter((posting) => precedes(posting, place)).length
    const complete = { earlier: earlierCount < windowReach, later: after.length - earlierCount < windowReach }
    // The same stretch of the tag as it was: changed stories back at their old places (where those fall inside it).
    const returning = changes.flatMap((change) => {
      const old = change.before && { id: change.id, publishedAt: change.before.publishedAt, neverAutoLink: false }
      const inside =
        old && (complete.earlier || !precedes(old, after[0]!)) && (complete.later || !precedes(after.at(-1)!, old))
      return listedOn(change.before, tag) && inside ? [old] : []
    })
    const before = [...after.filter((posting) => !changedIds.has(posting.id)), ...returning].sort(
      (a, b) => a.publishedAt - b.publishedAt || compareIds(a.id, b.id),
    )
    const nearby = unique(
      [...windowAround(after, place, reach), ...windowAround(before, place, reach)].filter(
        (posting) => !changedIds.has(posting.id),
      ),
    )
    const indexIn = (list: readonly Posting[]) => new Map(list.map((posting, index) => [posting.id, index]))
    const [beforeIndex, afterIndex] = [indexIn(before), indexIn(after)]
    const inRange = (index: number | undefined, [start, end]: [number, number]) =>
      index !== undefined && index >= start && index < end
    // Both candidate sets are runs of neighbours in nearly the same list: they can differ only at their ends.
    const walkIn = (
      list: readonly Posting[],
      [start, end]: [number, number],
      otherIndex: Map<ID, number>,
      other: [number, number],
      add: (id: ID) => void,
    ) => {
      for (const step of [1, -1]) {
        for (let index = step === 1 ? start : end - 1; index >= start && index < end; index += step) {
          const id = list[index]!.id
          if (changedIds.has(id)) continue
          if (inRange(otherIndex.get(id), other)) break
          add(id)
        }
      }
    }
    for (const story of nearby) {
      const was = nearestRange(before, story, reach)
      const is = nearestRange(after, story, reach)
      const entry = entryOf(story.id)
      const leaves = (id: ID) => (entry.left.get(id) ?? entry.left.set(id, new Set()).get(id)!).add(tag)
      for (const change of changes) {
        const state = now.get(change.id)
        const position = afterIndex.get(change.id)
        if (inRange(position, is) && state) {
          // A story editors keep out of automatic links enters no list; the lists that show it are recomputed anyway.
          if (after[position!]!.neverAutoLink) continue
          const byTag =
            entry.changedScores.get(change.id) ?? entry.changedScores.set(change.id, new Map()).get(change.id)!
          byTag.set(tag, tagValues.get(tag)! * timeDecay(state.publishedAt - story.publishedAt, settings.halfLifeDays))
        } else if (inRange(beforeIndex.get(change.id), was)) leaves(change.id)
      }
      walkIn(before, was, afterIndex, is, leaves)
      walkIn(after, is, beforeIndex, was, (id) => entry.arrived.add(id))
    }
  }
  return { changed, ownPostings }
}

const linksOf = (change: CandidateChange) =>
  [...change.changedScores].map(([target, byTag]) => linkFromContributions(target, byTag))

/** A story that stopped being a source's candidate on some of its tags. */
export type Departure = { source: ID; story: ID; tags: readonly ID[] }

/**
 * The first cut of the lists a change of candidates alters: those that gained a candidate other than the changed
 * stories (rare: only a story that moves away or leaves makes room for one) are recomputed; for the others, the
 * departures to look up (a source whose stored list shows one is rescored or recomputed: `rescoreDeparted`), and the
 * sources a changed story could now enter (whose stored lists decide).
 */
export function firstCut(changed: CandidateChanges, settings: ScoringSettings) {
  const recompute = new Set([...changed].filter(([, change]) => change.arrived.size > 0).map(([id]) => id))
  const departures = [...changed].flatMap(([source, change]) =>
    recompute.has(source)
      ? []
      : [...change.left].map(([story, tags]): Departure => ({ source, story, tags: [...tags] })),
  )
  const open = [...changed]
    .filter(([id, change]) => !recompute.has(id) && linksOf(change).some(mayShow(settings)))
    .map(([id]) => id)
  return { recompute, departures, open }
}

/** Whether a score reaches a stored one. Scores are stored as decimals: a tie may read a hair apart, so it counts. */
const reaches = (score: number, stored: number) => score >= stored * (1 - 1e-9)

/** A stored link as a change is judged against it; a departed one comes with the shares it was scored from. */
export type StoredLink = ShownLink & { sharedTags?: readonly SharedTag[] }

/**
 * What the departures a stored list shows do to it. A departed link loses the shares of the tags it left on (its time
 * decay is unchanged), so its new score is its other shares summed, exactly as a recompute would sum them. Where that
 * still beats another scored link of the list, no hidden candidate can outrank it (each ranks below every link shown)
 * and the list keeps the same links: the link is rescored in place, and a recompute is not needed. Anything else (a
 * changed story, a pinned or fallback link, two departures shown in one list, a score falling that far) is recomputed.
 */
export function rescoreDeparted(
  departures: readonly Departure[],
  stored: ReadonlyMap<ID, readonly StoredLink[]>,
  changedIds: ReadonlySet<ID>,
  settings: ScoringSettings,
) {
  const shownBySource = new Map<ID, { departure: Departure; link: StoredLink }[]>()
  for (const departure of departures) {
    const link = (stored.get(departure.source) ?? []).find((shown) => shown.target === departure.story)
    if (link)
      (shownBySource.get(departure.source) ?? shownBySource.set(departure.source, []).get(departure.source)!).push({
        departure,
        link,
      })
  }
  const recompute: ID[] = []
  const rescored = new Map<ID, Omit<Link, 'rank' | 'origin'>>()
  for (const [source, shown] of shownBySource) {
    const [{ departure, link }] = shown as [(typeof shown)[number]]
    const lost = new Set(departure.tags)
    const shares = link.sharedTags ?? []
    const kept = shares.filter((share) => !lost.has(share.tag))
    const rescoredLink =
      shown.length === 1 &&
      !changedIds.has(link.target) &&
      link.origin === 'auto' &&
      kept.length + lost.size === shares.length
        ? linkFromContributions(link.target, new Map(kept.map((share) => [share.tag, share.contribution])))
        : undefined
    const stillShown =
      rescoredLink !== undefined &&
      originOf(rescoredLink.score, settings) === 'auto' &&
      (stored.get(source) ?? []).some(
        (other) => other.target !== link.target && other.origin === 'auto' && outranks(rescoredLink.score, other.score),
      )
    if (stillShown) rescored.set(source, rescoredLink)
    else recompute.push(source)
  }
  return { recompute, rescored }
}

/** Whether a score beats a stored one by more than the stored one's rounding. */
const outranks = (score: number, stored: number) => score > stored * (1 + 1e-9)

/** A stored list with these links' scores as they now are (their places unchanged): enough to judge a newcomer by. */
export function withScores<L extends ShownLink>(
  stored: ReadonlyMap<ID, readonly L[]>,
  rescored: ReadonlyMap<ID, { target: ID; score: number }>,
): Map<ID, readonly L[]> {
  const lists = new Map(stored)
  for (const [source, { target, score }] of rescored)
    lists.set(
      source,
      (stored.get(source) ?? []).map((link) => (link.target === target ? { ...link, score } : link)),
    )
  return lists
}

/** A stored list with one link rescored, placed where `buildList` would now place it (see `rescoreDeparted`). */
export function withRescoredLink<L extends ShownLink>(
  list: readonly L[],
  link: Omit<L, 'rank' | 'origin'>,
  publishedAt: ReadonlyMap<ID, number>,
  settings: ScoringSettings,
): L[] {
  return withAutomaticLink(
    list.filter((shown) => shown.target !== link.target),
    link,
    publishedAt,
    settings,
  )
}

/** Of the open sources, the automatic links each would gain, judged against its stored list. */
export function entering(
  open: readonly ID[],
  changed: CandidateChanges,
  stored: ReadonlyMap<ID, readonly ShownLink[]>,
  settings: ScoringSettings,
) {
  return new Map(
    open.flatMap((id) => {
      const list = stored.get(id) ?? []
      const automatic = list.filter((link) => link.origin !== 'pinned')
      // A scored link has room up to the list's length and outranks every fallback; a fallback has room only up to
      // `fallbackUpTo`, and can push out only another fallback.
      const enters = (link: { score: number }) => {
        const scored = originOf(link.score, settings) === 'auto'
        const room = list.length < (scored ? settings.listLength : settings.fallbackUpTo)
        return (
          room || automatic.some((shown) => (scored || shown.origin === 'fallback') && reaches(link.score, shown.score))
        )
      }
      const links = linksOf(changed.get(id)!).filter((link) => mayShow(settings)(link) && enters(link))
      return links.length > 0 ? [[id, links] as const] : []
    }),
  )
}

/** Whether two lists read the same to a reader: the same stories, in the same order, of the same origin. */
const readsTheSame = (a: readonly ShownLink[], b: readonly ShownLink[]) =>
  a.length === b.length &&
  a.every((link, index) => link.target === b[index]!.target && link.origin === b[index]!.origin)

/**
 * A list written in place: every link it now shows, in rank order, and the links among them whose rows are written
 * afresh (a newcomer, a rescored link); the others keep their rows, with their new rank.
 */
export type ExtendedList = { shown: ShownLink[]; fresh: Omit<Link, 'rank' | 'origin'>[] }

/**
 * How each source with entering links is brought up to date: one newcomer (nothing else about its list changed) takes
 * its place in the stored list; more than one, and the list is recomputed. Sources that are not live, not automatic,
 * or exclude the newcomers are left alone. `publishedAt` holds the date of each newcomer and of each story these
 * stored lists show (the tie-break).
 */
export function placeNewcomers(
  candidates: ReadonlyMap<ID, readonly Omit<Link, 'rank' | 'origin'>[]>,
  sources: ReadonlyMap<ID, SourceStory>,
  stored: ReadonlyMap<ID, readonly ShownLink[]>,
  publishedAt: ReadonlyMap<ID, number>,
  settings: ScoringSettings,
) {
  const recompute: ID[] = []
  const extended = new Map<ID, ExtendedList>()
  for (const [id, newcomers] of candidates) {
    const source = sources.get(id)
    const links = newcomers.filter((link) => !source?.excluded.includes(link.target))
    if (!source || source.mode !== 'auto' || links.length === 0) continue
    if (links.length > 1) {
      recompute.push(id)
      continue
    }
    const list = stored.get(id) ?? []
    const shown = withAutomaticLink(list, links[0]!, publishedAt, settings)
    // A newcomer that only ties the weakest link and loses the tie-break leaves the list as it reads: nothing to write.
    if (!readsTheSame(shown, list)) extended.set(id, { shown, fresh: [links[0]!] })
  }
  return { recompute, extended }
}
