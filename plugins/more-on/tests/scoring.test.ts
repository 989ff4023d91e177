import { describe, expect, it } from '@jest/globals'

import {
  buildList,
  idf,
  withAutomaticLink,
  nearestRange,
  precedes,
  roundStatistic,
  scorePair,
  statisticStep,
  timeDecay,
  windowAround,
  type ListInputs,
} from '../src/core/scoring.js'
import { compareIds } from '../src/core/ids.js'
import type { ID, Place, Posting, SourceStory } from '../src/types.js'

const DAY = 86_400_000
const T0 = Date.UTC(2026, 0, 1)
const settings = { listLength: 6, threshold: 0, fallbackUpTo: 0, halfLifeDays: 30, candidatesPerTag: 100 }

type Story = { id: number; day: number; tags: number[]; neverAutoLink?: boolean }

/** Builds the inputs for `buildList` from a small corpus, with idf over the corpus and per-tag weights. */
function corpus(
  stories: Story[],
  weights: Record<number, number> = {},
  overrides: Partial<ListInputs['settings']> = {},
) {
  const postings = new Map<number, Posting[]>()
  for (const story of [...stories].sort((a, b) => a.day - b.day || a.id - b.id)) {
    for (const tag of story.tags) {
      const list = postings.get(tag) ?? postings.set(tag, []).get(tag)!
      list.push({ id: story.id, publishedAt: T0 + story.day * DAY, neverAutoLink: Boolean(story.neverAutoLink) })
    }
  }
  const tagValues = new Map(
    [...postings].map(([tag, list]) => [tag, idf(list.length, stories.length) * (weights[tag] ?? 1)]),
  )
  const inputs: ListInputs = {
    postings,
    tagValues,
    pinnable: new Map(
      stories.map((story) => [story.id, { id: story.id, publishedAt: T0 + story.day * DAY, tags: story.tags }]),
    ),
    settings: { ...settings, ...overrides },
  }
  const source = (id: number, extra: Partial<SourceStory> = {}): SourceStory => {
    const story = stories.find((candidate) => candidate.id === id)!
    return { id, publishedAt: T0 + story.day * DAY, tags: story.tags, mode: 'auto', pinned: [], excluded: [], ...extra }
  }
  return { inputs, source }
}

const targets = (links: Array<{ target: ID }>) => links.map((link) => link.target)

const nearest = (postings: Posting[], place: Place, count: number) =>
  postings.slice(...nearestRange(postings, place, count))

describe('scoring primitives', () => {
  it('idf grows as a tag gets rarer and is zero for an unused tag', () => {
    expect(idf(1, 100)).toBeGreaterThan(idf(10, 100))
    expect(idf(10, 100)).toBeGreaterThan(idf(60, 100))
    expect(idf(0, 100)).toBe(0)
    expect(idf(4, 40)).toBeCloseTo(Math.log(1 + roundStatistic(40) / 4))
  })

  it('counts are rounded to 1/8-octave steps, so one more story rarely moves a rarity', () => {
    expect(roundStatistic(1)).toBe(1)
    expect(roundStatistic(4)).toBe(4)
    for (const count of [3, 40, 1000, 65_000])
      expect(Math.abs(roundStatistic(count) / count - 1)).toBeLessThanOrEqual(0.045)
    expect(statisticStep(1000)).toBe(statisticStep(1001))
    expect(statisticStep(4)).not.toBe(statisticStep(5))
  })

  it('time decay halves every half-life, in either direction', () => {
    expect(timeDecay(0, 30)).toBe(1)
    expect(timeDecay(30 * DAY, 30)).toBeCloseTo(0.5)
    expect(timeDecay(-60 * DAY, 30)).toBeCloseTo(0.25)
  })

  it('explains a score by each shared tag, largest share first', () => {
    const values = new Map([
      [1, 1],
      [2, 3],
    ])
    const { score, sharedTags } = scorePair({ publishedAt: T0 }, { publishedAt: T0 + 30 * DAY }, [1, 2], values, 30)
    expect(score).toBeCloseTo(2)
    expect(sharedTags).toEqual([
      { tag: 2, contribution: 1.5 },
      { tag: 1, contribution: 0.5 },
    ])
  })

  it('nearestRange takes the stories closest in time on both sides', () => {
    const postings = [1, 5, 9, 10, 11, 20, 40].map((day, index) => ({
      id: index + 1,
      publishedAt: T0 + day * DAY,
      neverAutoLink: false,
    }))
    expect(
      nearest(postings, { publishedAt: T0 + 10 * DAY, id: 4 }, 3)
        .map((p) => p.id)
        .sort(),
    ).toEqual([3, 4, 5])
    expect(
      nearest(postings, { publishedAt: T0 + 100 * DAY, id: 99 }, 2)
        .map((p) => p.id)
        .sort(),
    ).toEqual([6, 7])
    expect(nearest(postings, { publishedAt: T0, id: 0 }, 10)).toHaveLength(7)
  })

  it("among stories published at the same moment, a story's nearest are the ones beside it in id order", () => {
    const postings = [1, 2, 3, 4, 5, 6, 7, 8].map((id) => ({ id, publishedAt: T0, neverAutoLink: false }))
    expect(nearest(postings, { publishedAt: T0, id: 7 }, 3).map((p) => p.id)).toEqual([5, 6, 7])
    expect(nearest(postings, { publishedAt: T0, id: 1 }, 3).map((p) => p.id)).toEqual([1, 2, 3])
  })

  it('nearestRange finds the run a walk outward from the place finds, an earlier story winning a tie', () => {
    const walked = (postings: Posting[], place: Place, count: number) => {
      if (postings.length <= count) return [0, postings.length]
      let start = postings.findIndex((posting) => !precedes(posting, place))
      if (start < 0) start = postings.length
      let end = postings[start]?.id === place.id ? start + 1 : start
      while (end - start < count) {
        const earlier = postings[start - 1]
        const later = postings[end]
        if (!later || (earlier && place.publishedAt - earlier.publishedAt <= later.publishedAt - place.publishedAt))
          start--
        else end++
      }
      return [start, end]
    }
    let seed = 7
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % below
    }
    for (let trial = 0; trial < 2000; trial++) {
      // Few distinct days, so that many stories tie in time.
      const postings = Array.from({ length: 1 + random(40) }, (_, index) => ({
        id: index + 1,
        publishedAt: T0 + random(12) * DAY,
        neverAutoLink: false,
      })).sort((a, b) => (precedes(a, b) ? -1 : 1))
      const listed = random(2) === 0
      const place = listed
        ? postings[random(postings.length)]!
        : { id: 100 + trial, publishedAt: T0 + random(14) * DAY - DAY }
      const count = 1 + random(45)
      expect(nearestRange(postings, place, count)).toEqual(walked(postings, place, count))
    }
  })

  it('windowAround gives every story within reach places of a story', () => {
    const postings = [1, 5, 9, 10, 11, 20, 40].map((day, index) => ({
      id: index + 1,
      publishedAt: T0 + day * DAY,
      neverAutoLink: false,
    }))
    expect(windowAround(postings, { publishedAt: T0 + 10 * DAY, id: 4 }, 2).map((p) => p.id)).toEqual([2, 3, 4, 5])
    expect(windowAround(postings, { publishedAt: T0, id: 0 }, 2).map((p) => p.id)).toEqual([1, 2])
  })
})

describe('ranking', () => {
  it('one shared rare person tag outranks two shared generic tags', () => {
    // Tags: 1 politics, 2 news (generic), 3 jane-doe (a rare person), 4 ohio.
    const stories: Story[] = [
      { id: 1, day: 0, tags: [1, 2, 3] },
      { id: 2, day: 1, tags: [1, 2, 4] }, // shares two generic tags
      { id: 3, day: 1, tags: [3, 4] }, // shares the rare person
      ...Array.from({ length: 12 }, (_, i) => ({ id: 10 + i, day: 2 + i, tags: i % 2 ? [1, 2] : [2, 1] })),
    ]
    const { inputs, source } = corpus(stories, { 1: 0.75, 2: 0.75, 3: 1.5 })
    const list = buildList(source(1), inputs)
    expect(targets(list).indexOf(3)).toBeLessThan(targets(list).indexOf(2))
    expect(list[0]).toMatchObject({ target: 3, origin: 'auto', rank: 1 })
  })

  it('with equal tags, the story closer in time ranks higher, whether before or after', () => {
    const { inputs, source } = corpus([
      { id: 1, day: 100, tags: [7] },
      { id: 2, day: 40, tags: [7] },
      { id: 3, day: 110, tags: [7] },
      { id: 4, day: 95, tags: [7] },
    ])
    expect(targets(buildList(source(1), inputs))).toEqual([4, 3, 2])
  })

  it('decay is measured from the reference story, not from now', () => {
    const stories = [
      { id: 1, day: -900, tags: [7] },
      { id: 2, day: -890, tags: [7] },
      { id: 3, day: 0, tags: [7] },
    ]
    const { inputs, source } = corpus(stories)
    expect(targets(buildList(source(1), inputs))).toEqual([2, 3])
  })

  it('never links a story to itself', () => {
    const { inputs, source } = corpus([
      { id: 1, day: 0, tags: [1, 2] },
      { id: 2, day: 0, tags: [1] },
    ])
    expect(targets(buildList(source(1), inputs))).toEqual([2])
    expect(targets(buildList(source(1, { pinned: [1] }), inputs))).toEqual([2])
  })

  it('breaks ties by the newer story first, then the lower id', () => {
    const { inputs, source } = corpus([
      { id: 1, day: 10, tags: [7] },
      { id: 5, day: 5, tags: [7] },
      { id: 3, day: 15, tags: [7] },
      { id: 2, day: 15, tags: [7] },
    ])
    expect(targets(buildList(source(1), inputs))).toEqual([2, 3, 5])
  })

  it('leaves out links below the threshold, and unrelated stories altogether', () => {
    const { inputs, source } = corpus(
      [
        { id: 1, day: 0, tags: [1] },
        { id: 2, day: 0, tags: [1] },
        { id: 3, day: 300, tags: [1] },
        { id: 4, day: 0, tags: [9] },
      ],
      {},
      { threshold: 0.5 },
    )
    expect(targets(buildList(source(1), inputs))).toEqual([2])
  })

  it('gives the same list for the same inputs', () => {
    const stories = Array.from({ length: 30 }, (_, i) => ({
      id: i + 1,
      day: (i * 7) % 23,
      tags: [i % 3, 3 + (i % 5), 9],
    }))
    const { inputs, source } = corpus(stories)
    expect(buildList(source(4), inputs)).toEqual(buildList(source(4), inputs))
  })

  it('is the list every nearest candidate scored and sorted would give, whatever the tags are worth', () => {
    let seed = 11
    const random = (below: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31
      return seed % below
    }
    for (let trial = 0; trial < 150; trial++) {
      // Tags from very common to rare, weighted unevenly; few days, so that scores and dates tie.
      const stories: Story[] = Array.from({ length: 40 + random(120) }, (_, index) => ({
        id: index + 1,
        day: random(60),
        tags: [...new Set(Array.from({ length: 1 + random(5) }, () => random(2 + random(30))))],
        neverAutoLink: random(15) === 0,
      }))
      const weights = Object.fromEntries(Array.from({ length: 32 }, (_, tag) => [tag, [0.5, 1, 1, 3][random(4)]!]))
      const overrides = {
        candidatesPerTag: 2 + random(12),
        threshold: [0, 1, 3, 6][random(4)]!,
        fallbackUpTo: [0, 3][random(2)]!,
      }
      const { inputs, source } = corpus(stories, weights, overrides)
      const { listLength, threshold, fallbackUpTo } = inputs.settings
      for (const story of stories.slice(0, 10)) {
        const excluded = stories.filter(() => random(20) === 0).map((other): ID => other.id)
        const listed = source(story.id, { excluded })
        const candidates = new Map<ID, ID[]>()
        for (const tag of new Set(listed.tags)) {
          const list = inputs.postings.get(tag) ?? []
          for (const posting of list.slice(...nearestRange(list, listed, inputs.settings.candidatesPerTag + 1)))
            if (posting.id !== listed.id && !posting.neverAutoLink && !excluded.includes(posting.id))
              candidates.set(posting.id, [...(candidates.get(posting.id) ?? []), tag])
        }
        const publishedAt = (id: ID) => T0 + stories.find((other) => other.id === id)!.day * DAY
        const expected = [...candidates]
          .map(([id, shared]) => ({
            target: id,
            score: scorePair(listed, { publishedAt: publishedAt(id) }, shared, inputs.tagValues, 30).score,
          }))
          .filter(({ score }) => score > 0 && (score >= threshold || fallbackUpTo > 0))
          .sort(
            (a, b) =>
              b.score - a.score || publishedAt(b.target) - publishedAt(a.target) || compareIds(a.target, b.target),
          )
          .filter(({ score }, position) => position < listLength && (score >= threshold || position < fallbackUpTo))
        expect(buildList(listed, inputs).map(({ target, score }) => ({ target, score }))).toEqual(expected)
      }
    }
  })

  it('holds at most listLength links', () => {
    const stories = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, day: i, tags: [1] }))
    const { inputs, source } = corpus(stories, {}, { listLength: 4 })
    expect(buildList(source(1), inputs)).toHaveLength(4)
  })
})

describe('fallback links', () => {
  // Tag 1 is on every story (a common tag, worth little); tag 2 is rare and shared by stories 1 and 2 only.
  const stories = [
    { id: 1, day: 10, tags: [1, 2] },
    { id: 2, day: 30, tags: [1, 2] },
    { id: 3, day: 11, tags: [1] },
    { id: 4, day: 9, tags: [1] },
    { id: 5, day: 14, tags: [1] },
    { id: 6, day: 40, tags: [1] },
  ]
  const fallbackSettings = { threshold: 1, fallbackUpTo: 3 }
  const links = (overrides: Partial<ListInputs['settings']> = {}, extra = {}) => {
    const { inputs, source } = corpus(stories, {}, { ...fallbackSettings, ...overrides })
    return buildList(source(1, extra), inputs).map((link) => [link.target, link.origin])
  }

  it('fill a short list up to fallbackUpTo, after every scored link, best first and marked as fallbacks', () => {
    expect(links()).toEqual([
      [2, 'auto'],
      [3, 'fallback'],
      [4, 'fallback'],
    ])
  })

  it('are left out when the option is 0, and never make a list longer than fallbackUpTo', () => {
    expect(links({ fallbackUpTo: 0 })).toEqual([[2, 'auto']])
    expect(links({ fallbackUpTo: 5 })).toHaveLength(5)
    expect(links({ threshold: 0.01 }).every(([, origin]) => origin === 'auto')).toBe(true)
  })

  it('count pins towards the list they fill, and still come after the scored links', () => {
    expect(links({}, { pinned: [6, 5] })).toEqual([
      [6, 'pinned'],
      [5, 'pinned'],
      [2, 'auto'],
    ])
    expect(links({}, { pinned: [6] })).toEqual([
      [6, 'pinned'],
      [2, 'auto'],
      [3, 'fallback'],
    ])
  })

  it('a newcomer is placed as buildList would: a scored one pushes a fallback out, a fallback fills only a gap', () => {
    const { inputs, source } = corpus(stories, {}, { ...fallbackSettings })
    const full = buildList(source(1), inputs)
    const publishedAt = new Map(stories.map((story) => [story.id as ID, T0 + story.day * DAY]))
    publishedAt.set(7, T0 + 12 * DAY)
    const scored = withAutomaticLink(full, { target: 7, score: 5, sharedTags: [] }, publishedAt, inputs.settings)
    expect(scored.map((link) => [link.target, link.origin])).toEqual([
      [7, 'auto'],
      [2, 'auto'],
      [3, 'fallback'],
    ])
    const weak = withAutomaticLink(full, { target: 7, score: 0.01, sharedTags: [] }, publishedAt, inputs.settings)
    expect(weak.map((link) => link.target)).toEqual([2, 3, 4])
    const short = withAutomaticLink(full.slice(0, 2), { target: 7, score: 0.01, sharedTags: [] }, publishedAt, {
      ...inputs.settings,
    })
    expect(short.map((link) => [link.target, link.origin, link.rank])).toEqual([
      [2, 'auto', 1],
      [3, 'fallback', 2],
      [7, 'fallback', 3],
    ])
  })
})

describe("editors' controls", () => {
  const stories: Story[] = [
    { id: 1, day: 0, tags: [1] },
    { id: 2, day: 1, tags: [1] },
    { id: 3, day: 2, tags: [1] },
    { id: 4, day: 3, tags: [1], neverAutoLink: true },
    { id: 5, day: 50, tags: [8] },
  ]
  const { inputs, source } = corpus(stories, {}, { listLength: 4 })

  it('pins come first, in the editor’s order, then automatic links fill the list', () => {
    const list = buildList(source(1, { pinned: [5, 3] }), inputs)
    expect(list.map(({ target, origin, rank }) => [target, origin, rank])).toEqual([
      [5, 'pinned', 1],
      [3, 'pinned', 2],
      [2, 'auto', 3],
    ])
  })

  it('a pin that is not published is skipped', () => {
    const { pinnable } = inputs
    const withoutFive = { ...inputs, pinnable: new Map([...pinnable].filter(([id]) => id !== 5)) }
    expect(targets(buildList(source(1, { pinned: [5, 3] }), withoutFive))).toEqual([3, 2])
  })

  it('excluded stories and never-auto-link stories are left out of automatic links, but can be pinned', () => {
    expect(targets(buildList(source(1, { excluded: [2] }), inputs))).toEqual([3])
    expect(targets(buildList(source(1, { pinned: [4] }), inputs))).toEqual([4, 2, 3])
  })

  it('modes: pinned-only shows the pins alone; off shows nothing', () => {
    expect(targets(buildList(source(1, { mode: 'pinned-only', pinned: [5] }), inputs))).toEqual([5])
    expect(buildList(source(1, { mode: 'off', pinned: [5] }), inputs)).toEqual([])
  })
})
