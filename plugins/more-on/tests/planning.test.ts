/** The change planning and the live rule, as pure functions: no database. */
import { describe, expect, it } from '@jest/globals'

import { compareIds } from '../src/core/ids.js'
import { isLive, liveWhere, storyDate } from '../src/core/liveness.js'
import {
  candidateChanges,
  countDeltas,
  entering,
  firstCut,
  placeNewcomers,
  rescoring,
  rescoreDeparted,
  withRescoredLink,
  withScores,
  RESCORED_IN_THE_SAVE,
  touchedPlaces,
  windowReachFor,
} from '../src/core/planning.js'
import type { Departure, StoredLink } from '../src/core/planning.js'
import type { Change, ID, Link, Posting, StoredStory } from '../src/types.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)
const settings = { listLength: 3, threshold: 0.5, fallbackUpTo: 0, halfLifeDays: 30, candidatesPerTag: 2 }
const story = (id: ID, day: number, tags: ID[], extra: Partial<StoredStory> = {}): StoredStory => ({
  id,
  publishedAt: T0 + day * DAY,
  tags,
  live: true,
  mode: 'auto',
  pinned: [],
  excluded: [],
  ...extra,
})
const posting = (id: ID, day: number): Posting => ({ id, publishedAt: T0 + day * DAY, neverAutoLink: false })

describe('the live rule', () => {
  const fields = { publishedAt: 'publishedOn', drafts: true }
  it('is published and its date has come; a published story without a date counts from its creation', () => {
    const now = T0 + 10 * DAY
    expect(isLive({ _status: 'published', publishedOn: new Date(T0).toISOString() }, fields, now)).toBe(true)
    expect(isLive({ _status: 'published', publishedOn: new Date(now + DAY).toISOString() }, fields, now)).toBe(false)
    expect(isLive({ _status: 'draft', publishedOn: new Date(T0).toISOString() }, fields, now)).toBe(false)
    expect(isLive({ _status: 'published', createdAt: new Date(T0).toISOString() }, fields, now)).toBe(true)
    expect(storyDate({ createdAt: new Date(T0).toISOString() }, fields)).toBe(T0)
    expect(
      isLive({ publishedOn: new Date(T0).toISOString() }, { publishedAt: 'publishedOn', drafts: false }, now),
    ).toBe(true)
  })

  it('reads the same as a Payload query', () => {
    const at = new Date(T0).toISOString()
    expect(liveWhere(fields, T0)).toEqual({
      and: [
        { _status: { equals: 'published' } },
        {
          or: [
            { publishedOn: { less_than_equal: at } },
            { and: [{ publishedOn: { exists: false } }, { createdAt: { less_than_equal: at } }] },
          ],
        },
      ],
    })
  })
})

describe('ids', () => {
  it('order numbers by value and uuids as text', () => {
    expect([10, 9, 100].sort(compareIds)).toEqual([9, 10, 100])
    expect(['b0', 'a1', 'a0'].sort(compareIds)).toEqual(['a0', 'a1', 'b0'])
  })
})

describe('counts a change moves', () => {
  it('adds a story that went live to every tag it is on, and one that left takes itself off the ones it was on', () => {
    const changes: Change[] = [
      { id: 1, before: null },
      { id: 2, before: { live: true, tags: [10, 11], publishedAt: T0 } },
      { id: 3, before: { live: true, tags: [10], publishedAt: T0 } },
    ]
    const now = new Map([
      [1, story(1, 1, [10])],
      [2, story(2, 0, [11, 12])],
    ])
    const deltas = countDeltas(changes, now)
    expect(deltas.published).toBe(0)
    expect(Object.fromEntries(deltas.byTag)).toEqual({ 10: -1, 11: 0, 12: 1 })
  })

  it('rescores small tags whose rarity moved in the save, crowded ones by a job, and everything when N moved', () => {
    const deltas = {
      published: 1,
      byTag: new Map<ID, number>([
        [1, 1],
        [2, 1],
        [3, 1],
      ]),
    }
    // 8 → 9 crosses a 1/8-octave step (small); 200 → 201 does not; 18 → 19 crosses one on a tag too big for the save.
    const counts = {
      published: 2,
      df: new Map<ID, number>([
        [1, 9],
        [2, 201],
        [3, RESCORED_IN_THE_SAVE + 3],
      ]),
    }
    expect(rescoring(counts, deltas)).toEqual({ inTheSave: [1], crowded: [3], rebuildAll: true })
  })
})

describe('what a change touches', () => {
  it('is each changed story’s old and new place on each of its tags, once', () => {
    const changes: Change[] = [{ id: 5, before: { live: true, tags: [1, 2], publishedAt: T0 } }]
    const now = new Map([[5, story(5, 3, [2])]])
    expect(touchedPlaces(changes, now)).toEqual([
      { tag: 1, place: { publishedAt: T0, id: 5 } },
      { tag: 2, place: { publishedAt: T0, id: 5 } },
      { tag: 2, place: { publishedAt: T0 + 3 * DAY, id: 5 } },
    ])
  })

  it('finds the neighbours a new story now is a candidate of, with its score as their candidate', () => {
    const changes: Change[] = [{ id: 9, before: null }]
    const now = new Map([[9, story(9, 2, [1])]])
    const window = [posting(1, 0), posting(2, 1), posting(9, 2), posting(3, 5)]
    const { changed, ownPostings } = candidateChanges({
      changes,
      now,
      windows: [{ tag: 1, place: { publishedAt: T0 + 2 * DAY, id: 9 }, window }],
      windowReach: windowReachFor(settings.candidatesPerTag, 1),
      tagValues: new Map([[1, 2]]),
      settings,
    })
    expect([...changed.keys()].sort()).toEqual([1, 2, 3])
    expect(changed.get(2)!.changedScores.get(9)!.get(1)).toBeCloseTo(2 * 2 ** (-1 / 30))
    expect(ownPostings.get(9)!.get(1)).toBe(window)
  })

  it('recomputes lists that gained a candidate, looks up those that lost one, judges newcomers by stored lists', () => {
    const changed = new Map([
      [1, { arrived: new Set<ID>([4]), left: new Map<ID, Set<ID>>(), changedScores: new Map() }],
      [
        2,
        {
          arrived: new Set<ID>(),
          left: new Map<ID, Set<ID>>([[7, new Set<ID>([1])]]),
          changedScores: new Map([[9, new Map<ID, number>([[1, 1.2]])]]),
        },
      ],
      [
        3,
        {
          arrived: new Set<ID>(),
          left: new Map<ID, Set<ID>>(),
          changedScores: new Map([[9, new Map<ID, number>([[1, 0.1]])]]),
        },
      ],
    ])
    const cut = firstCut(changed, settings)
    expect([...cut.recompute]).toEqual([1])
    expect(cut.departures).toEqual([{ source: 2, story: 7, tags: [1] }])
    expect(cut.open).toEqual([2])

    const full: Link[] = [1, 2, 3].map((rank) => ({
      target: 20 + rank,
      rank,
      score: 3 - rank * 0.5,
      sharedTags: [],
      origin: 'auto',
    }))
    // The story that left source 2's candidates is its only link: that list is recomputed.
    const departedOnly = rescoreDeparted(
      cut.departures,
      new Map([[2, [{ ...full[0]!, target: 7 }]]]),
      new Set(),
      settings,
    )
    expect(departedOnly.recompute).toEqual([2])
    expect(rescoreDeparted(cut.departures, new Map([[2, full]]), new Set(), settings)).toEqual({
      recompute: [],
      rescored: new Map(),
    })
    // A full list whose weakest link outscores the newcomer keeps it out.
    expect(entering([2], changed, new Map([[2, full]]), settings).get(2)).toBeUndefined()
    const roomy = full.slice(0, 1)
    const newcomers = entering([2], changed, new Map([[2, roomy]]), settings)
    expect(newcomers.get(2)!.map((link) => link.target)).toEqual([9])

    const placed = placeNewcomers(
      newcomers,
      new Map([[2, story(2, 1, [1])]]),
      new Map([[2, roomy]]),
      new Map([
        [21, T0],
        [9, T0 + 2 * DAY],
      ]),
      settings,
    )
    expect(placed.recompute).toEqual([])
    expect(placed.extended.get(2)!.shown.map((link) => [link.target, link.rank])).toEqual([
      [21, 1],
      [9, 2],
    ])
    expect(placed.extended.get(2)!.fresh.map((link) => link.target)).toEqual([9])

    // A newcomer that ties a full list's weakest link but is older loses the tie-break: the list is left as stored.
    const tie = new Map([[2, [{ target: 9, score: full[2]!.score, sharedTags: [] }]]])
    const dates = new Map([...full.map((link): [ID, number] => [link.target, T0]), [9, T0 - DAY]])
    expect(
      entering(
        [2],
        new Map([[2, { ...changed.get(2)!, changedScores: new Map([[9, new Map([[1, full[2]!.score]])]]) }]]),
        new Map([[2, full]]),
        settings,
      ).has(2),
    ).toBe(true)
    expect(
      placeNewcomers(tie, new Map([[2, story(2, 1, [1])]]), new Map([[2, full]]), dates, settings).extended.size,
    ).toBe(0)
  })

  it('rescores a departed link in place while it still beats another scored link, else recomputes', () => {
    const shares = (...pairs: [ID, number][]) => pairs.map(([tag, contribution]) => ({ tag, contribution }))
    const list: StoredLink[] = [
      { target: 21, rank: 1, score: 2, origin: 'auto', sharedTags: shares([1, 1.2], [2, 0.8]) },
      { target: 22, rank: 2, score: 1.5, origin: 'auto' },
      { target: 23, rank: 3, score: 1, origin: 'auto' },
    ]
    const stored = new Map([[2, list]])
    const judge = (departures: Departure[], lists = stored, changedIds = new Set<ID>()) =>
      rescoreDeparted(departures, lists, changedIds, settings)

    // Story 21 left source 2's candidates on tag 2: its share there goes, and 1.2 still beats 23's 1.
    const rescored = judge([{ source: 2, story: 21, tags: [2] }])
    expect(rescored.recompute).toEqual([])
    expect(rescored.rescored.get(2)).toEqual({ target: 21, score: 1.2, sharedTags: shares([1, 1.2]) })
    const dates = new Map<ID, number>([21, 22, 23].map((id) => [id, T0]))
    expect(
      withRescoredLink(list, rescored.rescored.get(2)!, dates, settings).map((link) => [link.target, link.rank]),
    ).toEqual([
      [22, 1],
      [21, 2],
      [23, 3],
    ])
    // Judged by its new score, a newcomer at 1.3 would now enter: it beats 21.
    expect(
      withScores(stored, rescored.rescored)
        .get(2)!
        .map((link) => link.score),
    ).toEqual([1.2, 1.5, 1])

    // Falling to 0.8, below every other scored link, a hidden candidate might now outrank it.
    expect(judge([{ source: 2, story: 21, tags: [1] }]).recompute).toEqual([2])
    // A tie with the weakest link is not enough: the tie-break against hidden candidates is unknown.
    const tied = new Map([[2, [list[0]!, list[1]!, { ...list[2]!, score: 1.2 }]]])
    expect(judge([{ source: 2, story: 21, tags: [2] }], tied).recompute).toEqual([2])
    // Below the threshold it would be a fallback.
    const weak = new Map([[2, [{ ...list[0]!, sharedTags: shares([1, 0.4], [2, 1.6]) }, ...list.slice(1)]]])
    expect(judge([{ source: 2, story: 21, tags: [2] }], weak).recompute).toEqual([2])
    // A changed story, a tag it did not share, two departures in one list, a pinned link: recomputed.
    expect(judge([{ source: 2, story: 21, tags: [2] }], stored, new Set([21])).recompute).toEqual([2])
    expect(judge([{ source: 2, story: 21, tags: [3] }]).recompute).toEqual([2])
    const two = new Map([[2, [list[0]!, { ...list[1]!, sharedTags: shares([1, 1.5]) }, list[2]!]]])
    expect(
      judge(
        [
          { source: 2, story: 21, tags: [2] },
          { source: 2, story: 22, tags: [1] },
        ],
        two,
      ).recompute,
    ).toEqual([2])
    const pinned = new Map([[2, [{ ...list[0]!, origin: 'pinned' as const }, ...list.slice(1)]]])
    expect(judge([{ source: 2, story: 21, tags: [2] }], pinned).recompute).toEqual([2])
    // A departure the list does not show changes nothing.
    expect(judge([{ source: 2, story: 29, tags: [2] }])).toEqual({ recompute: [], rescored: new Map() })
  })

  it('lets a fallback newcomer into a list only where a fallback may stand', () => {
    const withFallbacks = { ...settings, listLength: 4, fallbackUpTo: 2 }
    const weak = new Map([
      [
        2,
        {
          arrived: new Set<ID>(),
          left: new Map<ID, Set<ID>>(),
          changedScores: new Map([[9, new Map<ID, number>([[1, 0.2]])]]),
        },
      ],
    ])
    expect(firstCut(weak, settings).open).toEqual([])
    expect(firstCut(weak, withFallbacks).open).toEqual([2])
    const link = (target: ID, score: number, origin: Link['origin']): Link => ({
      target,
      rank: 0,
      score,
      sharedTags: [],
      origin,
    })
    const enters = (list: Link[]) => entering([2], weak, new Map([[2, list]]), withFallbacks).has(2)
    expect(enters([link(21, 1, 'auto')])).toBe(true)
    expect(enters([link(21, 1, 'auto'), link(22, 0.9, 'auto')])).toBe(false)
    expect(enters([link(21, 1, 'auto'), link(22, 0.1, 'fallback')])).toBe(true)
    expect(enters([link(21, 1, 'auto'), link(22, 0.3, 'fallback')])).toBe(false)
    const strong = new Map([
      [
        2,
        {
          arrived: new Set<ID>(),
          left: new Map<ID, Set<ID>>(),
          changedScores: new Map([[9, new Map<ID, number>([[1, 0.6]])]]),
        },
      ],
    ])
    const full = [link(21, 1, 'auto'), link(22, 0.9, 'auto'), link(23, 0.3, 'fallback'), link(24, 0.2, 'fallback')]
    expect(entering([2], strong, new Map([[2, full]]), withFallbacks).has(2)).toBe(true)
  })

  it('leaves alone sources that exclude the newcomer or are not automatic', () => {
    const newcomers = new Map<ID, { target: ID; score: number; sharedTags: [] }[]>([
      [2, [{ target: 9, score: 1, sharedTags: [] }]],
      [3, [{ target: 9, score: 1, sharedTags: [] }]],
    ])
    const sources = new Map([
      [2, story(2, 1, [1], { excluded: [9] })],
      [3, story(3, 1, [1], { mode: 'pinned-only' })],
    ])
    const placed = placeNewcomers(newcomers, sources, new Map(), new Map([[9, T0]]), settings)
    expect(placed).toEqual({ recompute: [], extended: new Map() })
  })
})
