import { describe, expect, it } from '@jest/globals'

import { explainEmptyBlock, type BlockFacts } from '../src/core/emptyBlock.js'

const NOW = Date.UTC(2026, 10, 26)
const live: BlockFacts = {
  mode: 'auto',
  live: true,
  goesLiveAt: null,
  pinned: 0,
  tags: 3,
  largestTag: 5,
  threshold: 2,
  fallbacks: false,
}
const reason = (facts: Partial<BlockFacts>) => explainEmptyBlock({ ...live, ...facts }).reason

describe('why a "More on" block is empty', () => {
  it('names the first thing an editor would have to change', () => {
    expect(reason({ mode: 'off', live: false, tags: 0 })).toBe('off')
    expect(reason({ live: false })).toBe('not-published')
    expect(reason({ live: false, goesLiveAt: NOW + 60_000 })).toBe('scheduled')
    expect(reason({ mode: 'pinned-only', tags: 0 })).toBe('no-published-pins')
    expect(reason({ tags: 0, largestTag: 0 })).toBe('no-tags')
    expect(reason({ largestTag: 1 })).toBe('no-shared-tags')
    expect(reason({})).toBe('below-threshold')
    expect(reason({ fallbacks: true })).toBe('all-excluded')
  })

  it('says when a scheduled story goes live, and what the threshold is', () => {
    expect(explainEmptyBlock({ ...live, live: false, goesLiveAt: NOW + 3_600_000 }).message).toContain(
      new Date(NOW + 3_600_000).toISOString(),
    )
    expect(explainEmptyBlock({ ...live, threshold: 3.5 }).message).toContain('threshold of 3.5')
  })

  it('tells pinned-only stories with no pins from those whose pins are unpublished', () => {
    expect(explainEmptyBlock({ ...live, mode: 'pinned-only' }).message).toContain('none is pinned')
    expect(explainEmptyBlock({ ...live, mode: 'pinned-only', pinned: 2 }).message).toContain(
      'none of the pinned stories is published',
    )
  })
})
