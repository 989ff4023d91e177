/**
 * Tag suggestions, as pure functions: a tag is suggested when its name or one of its aliases occurs in a story's text
 * as whole words, whatever the case and accents ("Ruto" for "William Ruto", "sao paulo" for "São Paulo"). Names and
 * text are both reduced to phrases of plain words, so a match is an exact lookup of a phrase, never a scan of tags.
 */
import type { ID } from '../types.js'

/** The longest name or alias, in words, that can be matched. */
const MAX_PHRASE_WORDS = 8

/** Lower-case words without accents; hyphens, underscores and punctuation part words ("west-germany": west germany). */
export function wordsOf(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}

/** A name or alias as the phrase it matches; empty when it has no words or too many. */
export function phraseOf(name: string): string {
  const words = wordsOf(name)
  return words.length > 0 && words.length <= MAX_PHRASE_WORDS ? words.join(' ') : ''
}

/** Every distinct phrase of a tag: its name's and its aliases'. */
export function phrasesOfTag(name: unknown, aliases: unknown): string[] {
  const names = [name, ...(Array.isArray(aliases) ? aliases : [])].filter(
    (value): value is string => typeof value === 'string',
  )
  return [...new Set(names.map(phraseOf).filter(Boolean))]
}

const PARAGRAPH_BREAK = /\n\s*\n/

/** Every run of 1 to `maxWords` words within a paragraph of a text (blank lines part them), counted. */
export function phrasesIn(text: string, maxWords = MAX_PHRASE_WORDS): Map<string, number> {
  const counts = new Map<string, number>()
  for (const paragraph of text.split(PARAGRAPH_BREAK)) {
    const words = wordsOf(paragraph)
    for (let start = 0; start < words.length; start++) {
      let phrase = ''
      for (let length = 1; length <= maxWords && start + length <= words.length; length++) {
        phrase = length === 1 ? words[start]! : `${phrase} ${words[start + length - 1]}`
        counts.set(phrase, (counts.get(phrase) ?? 0) + 1)
      }
    }
  }
  return counts
}

/**
 * The plain text of a field's value: a string as it is; rich text (Slate or Lexical JSON) as the text of its nodes,
 * each block a paragraph of its own, so that words of two paragraphs never run together into one phrase.
 */
export function plainTextOf(value: unknown): string {
  if (typeof value === 'string') return value
  const parts: string[] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const child of node) walk(child)
    } else if (node && typeof node === 'object') {
      const { text, children, root } = node as { text?: unknown; children?: unknown; root?: unknown }
      if (typeof text === 'string') parts.push(text)
      if (children !== undefined) {
        walk(children)
        parts.push('\n\n')
      }
      if (root !== undefined) walk(root)
    }
  }
  walk(value)
  return parts.join('')
}

export type TagMatch = {
  tag: ID
  /** The longest of its phrases found, and how often its phrases occur in all. */
  phrase: string
  occurrences: number
  /** idf × kind weight, counting the story being written: rarer and more specific tags first. */
  value: number
  label: string
}

/** The phrases found, by tag: the longest one, and every occurrence of any of them. */
export function matchesByTag(
  found: readonly { tag: ID; phrase: string }[],
  counts: ReadonlyMap<string, number>,
): Map<ID, { phrase: string; occurrences: number }> {
  const byTag = new Map<ID, { phrase: string; occurrences: number }>()
  for (const { tag, phrase } of found) {
    const occurrences = counts.get(phrase) ?? 0
    if (occurrences === 0) continue
    const seen = byTag.get(tag)
    if (!seen) byTag.set(tag, { phrase, occurrences })
    else {
      seen.occurrences += occurrences
      if (phrase.split(' ').length > seen.phrase.split(' ').length) seen.phrase = phrase
    }
  }
  return byTag
}

/** Most telling first: the highest value, then the longest phrase, then the most occurrences, then by label. */
export function rankMatches(matches: TagMatch[]): TagMatch[] {
  const words = (phrase: string) => phrase.split(' ').length
  return matches.sort(
    (a, b) =>
      b.value - a.value ||
      words(b.phrase) - words(a.phrase) ||
      b.occurrences - a.occurrences ||
      a.label.localeCompare(b.label),
  )
}

/** A tag's value as a suggestion: its idf as if the story being written carried it, times its kind's weight. */
export const suggestionValue = (df: number, published: number, kindWeight: number) =>
  Math.log(1 + (published + 1) / (df + 1)) * kindWeight
