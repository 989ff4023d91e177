import { describe, expect, it } from '@jest/globals'

import { snapshotOf } from '../src/core/snapshot.js'

const DAY = 86_400_000

describe("a rebuild's snapshot", () => {
  const stories = [
    { id: 3, publishedAt: 2 * DAY, neverAutoLink: false },
    { id: 1, publishedAt: 5 * DAY, neverAutoLink: true },
    { id: 2, publishedAt: 2 * DAY, neverAutoLink: false },
    { id: 4, publishedAt: 9 * DAY, neverAutoLink: false },
  ]
  const byTag = new Map([
    [10, [1, 3, 2]],
    [20, [4, 3]],
    [30, [2]],
  ])
  const snapshot = snapshotOf({ stories, byTag })

  it("sorts each tag's stories by date, then id, sharing one posting per story", () => {
    expect(snapshot.postings.get(10)!.map((posting) => posting.id)).toEqual([2, 3, 1])
    expect(snapshot.postings.get(20)!.map((posting) => posting.id)).toEqual([3, 4])
    expect(snapshot.postings.get(10)![1]).toBe(snapshot.postings.get(20)![0])
  })

  it('gives each story its tags, and none to a story without any', () => {
    expect(stories.map((_, position) => snapshot.tagsOf(position))).toEqual([[10, 20], [10], [10, 30], [20]])
    expect(snapshotOf({ stories, byTag: new Map() }).tagsOf(0)).toEqual([])
  })
})
