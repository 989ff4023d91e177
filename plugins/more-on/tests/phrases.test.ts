/** Tag suggestions' matching, as pure functions: no database. */
import { describe, expect, it } from '@jest/globals'

import {
  matchesByTag,
  phraseOf,
  phrasesIn,
  phrasesOfTag,
  plainTextOf,
  rankMatches,
  suggestionValue,
  wordsOf,
  type TagMatch,
} from '../src/core/phrases.js'

describe('phrases', () => {
  it('are whole words, without case or accents; hyphens and punctuation part words', () => {
    expect(wordsOf('São Paulo, West-Germany & the_IMF’s chief')).toEqual([
      'sao',
      'paulo',
      'west',
      'germany',
      'the',
      'imf',
      's',
      'chief',
    ])
    expect(phraseOf('  William   RUTO ')).toBe('william ruto')
    expect(phraseOf('west-germany')).toBe('west germany')
    expect(phraseOf('—')).toBe('')
    expect(phrasesOfTag('William Ruto', ['Ruto', 'ruto', 'William  Ruto', 7])).toEqual(['william ruto', 'ruto'])
  })

  it('of a text are every run of words up to the longest a tag may have, counted', () => {
    const counts = phrasesIn('Ruto met Ruto. William Ruto!', 2)
    expect(counts.get('ruto')).toBe(3)
    expect(counts.get('william ruto')).toBe(1)
    expect(counts.get('ruto met')).toBe(1)
    expect(counts.has('met ruto william')).toBe(false)
    // Inside a word is not a match: "Rutoville" is not "Ruto".
    expect(phrasesIn('Rutoville').has('ruto')).toBe(false)
  })

  it('read rich text block by block, so that two paragraphs never join into one phrase', () => {
    const slate = [{ children: [{ text: 'In New' }] }, { type: 'h2', children: [{ text: 'York ' }, { text: 'today' }] }]
    const text = plainTextOf(slate)
    expect(phrasesIn(text).has('new york')).toBe(false)
    expect(phrasesIn(text).has('york today')).toBe(true)
    const lexical = { root: { children: [{ children: [{ text: 'Kenya' }] }] } }
    expect(plainTextOf(lexical).trim()).toBe('Kenya')
    expect(plainTextOf('plain')).toBe('plain')
    expect(plainTextOf(null)).toBe('')
  })
})

describe('suggestions', () => {
  it('gather each tag’s phrases found: its longest, and every occurrence', () => {
    const counts = phrasesIn('William Ruto spoke. Ruto left.')
    const byTag = matchesByTag(
      [
        { tag: 1, phrase: 'ruto' },
        { tag: 1, phrase: 'william ruto' },
        { tag: 2, phrase: 'nairobi' },
      ],
      counts,
    )
    expect(byTag.get(1)).toEqual({ phrase: 'william ruto', occurrences: 3 })
    expect(byTag.has(2)).toBe(false)
  })

  it('rank the rarest and most specific first, then the longest phrase, then the most mentioned', () => {
    const match = (tag: number, value: number, phrase: string, occurrences = 1): TagMatch => ({
      tag,
      value,
      phrase,
      occurrences,
      label: `Tag ${tag}`,
    })
    const ranked = rankMatches([
      match(1, 0.5, 'usa', 9),
      match(2, 3, 'ruto'),
      match(3, 3, 'william ruto'),
      match(4, 3, 'ruto', 2),
    ])
    expect(ranked.map((m) => m.tag)).toEqual([3, 4, 2, 1])
    // A rare person outweighs a common place; a tag no story carries yet is not infinitely rare.
    expect(suggestionValue(3, 1000, 1.5)).toBeGreaterThan(suggestionValue(700, 1000, 1))
    expect(Number.isFinite(suggestionValue(0, 1000, 1))).toBe(true)
  })
})
