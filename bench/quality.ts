/**
 * How good a "More on" list is against the corpus's ground truth (the story clusters), and the scorers people use
 * today, each computed over the whole corpus in memory.
 */
import { isVisible, type Corpus } from './corpus'

export const LIST_LENGTH = 6
export type Lists = Map<number, number[]>
export type Quality = { ndcgAt6: number; coverage: number }

/** nDCG@6 against cluster membership (a link is relevant when it is in the same story), and the share of sources
 * with at least 3 links. Sources whose cluster has no other published article count for coverage only. */
export function measureQuality(corpus: Corpus, sources: readonly number[], lists: Lists): Quality {
  const visible = corpus.articles.filter((article) => isVisible(article))
  const clusterOf = new Map(visible.map((article) => [article.id, article.cluster]))
  const clusterSize = new Map<number, number>()
  for (const article of visible) clusterSize.set(article.cluster, (clusterSize.get(article.cluster) ?? 0) + 1)
  const discount = (rank: number) => 1 / Math.log2(rank + 2)
  let ndcgSum = 0
  let judged = 0
  let covered = 0
  for (const source of sources) {
    const list = (lists.get(source) ?? []).slice(0, LIST_LENGTH)
    if (list.length >= 3) covered++
    const cluster = clusterOf.get(source)
    const relevant = (clusterSize.get(cluster!) ?? 1) - 1
    if (relevant === 0) continue
    let dcg = 0
    list.forEach((target, rank) => (dcg += clusterOf.get(target) === cluster ? discount(rank) : 0))
    let ideal = 0
    for (let rank = 0; rank < Math.min(LIST_LENGTH, relevant); rank++) ideal += discount(rank)
    ndcgSum += dcg / ideal
    judged++
  }
  return { ndcgAt6: judged ? ndcgSum / judged : 0, coverage: sources.length ? covered / sources.length : 0 }
}

type Scorer = {
  /** Score of a candidate sharing `shared` counted tags with the source; undefined when it may not be listed. */
  score: (source: number, target: number, shared: number) => number | undefined
  /** Tags the scorer ignores (too common). */
  ignores?: (tag: number) => boolean
}

/** Lets signal handlers run during long loops. */
const breathe = () => new Promise((resolve) => setImmediate(resolve))

/** Lists of the given sources under a count-based scorer: top 6 by score, then newer, then lower id. */
async function listsByScorer(corpus: Corpus, sources: readonly number[], scorer: Scorer): Promise<Lists> {
  const visible = corpus.articles.filter((article) => isVisible(article))
  const tagsOf = new Map(visible.map((article) => [article.id, article.tags]))
  const publishedAt = publishDates(corpus)
  const postings = new Map<number, number[]>()
  for (const article of visible) {
    for (const tag of new Set(article.tags))
      if (!scorer.ignores?.(tag)) (postings.get(tag) ?? postings.set(tag, []).get(tag)!).push(article.id)
  }
  const counts = new Int32Array(corpus.articles.length + 2)
  const lists: Lists = new Map()
  for (const [index, source] of sources.entries()) {
    if (index % 50 === 0) await breathe()
    const touched: number[] = []
    for (const tag of new Set(tagsOf.get(source) ?? [])) {
      for (const target of postings.get(tag) ?? []) {
        if (target === source) continue
        if (counts[target]++ === 0) touched.push(target)
      }
    }
    // The best six so far, best first: ranked by score, then newer, then lower id.
    const best: { id: number; score: number }[] = []
    const outranks = (a: { id: number; score: number }, b: { id: number; score: number }) =>
      a.score !== b.score
        ? a.score > b.score
        : publishedAt[a.id] !== publishedAt[b.id]
          ? publishedAt[a.id]! > publishedAt[b.id]!
          : a.id < b.id
    for (const target of touched) {
      const score = scorer.score(source, target, counts[target]!)
      counts[target] = 0
      if (score === undefined) continue
      const candidate = { id: target, score }
      if (best.length === LIST_LENGTH && !outranks(candidate, best[LIST_LENGTH - 1]!)) continue
      let place = best.length
      while (place > 0 && outranks(candidate, best[place - 1]!)) place--
      best.splice(place, 0, candidate)
      if (best.length > LIST_LENGTH) best.pop()
    }
    lists.set(
      source,
      best.map((candidate) => candidate.id),
    )
  }
  return lists
}

/** Publish date by article id. */
function publishDates(corpus: Corpus): Float64Array {
  const dates = new Float64Array(corpus.articles.length + 2)
  for (const article of corpus.articles) dates[article.id] = article.publishedAt
  return dates
}

/** The scorers users would pick today: raw shared-tag count (YARPP, Drupal), Jaccard, and Hugo's fixed weights. */
export async function baselineLists(corpus: Corpus, sources: readonly number[]): Promise<Record<string, Lists>> {
  const visible = corpus.articles.filter((article) => isVisible(article))
  const tagCount = new Int32Array(corpus.articles.length + 2)
  const year = new Int32Array(corpus.articles.length + 2)
  const df = new Map<number, number>()
  for (const article of visible) {
    tagCount[article.id] = new Set(article.tags).size
    year[article.id] = new Date(article.publishedAt).getUTCFullYear()
    for (const tag of new Set(article.tags)) df.set(tag, (df.get(tag) ?? 0) + 1)
  }
  const publishedAt = publishDates(corpus)
  return {
    sharedCount: await listsByScorer(corpus, sources, { score: (_source, _target, shared) => shared }),
    jaccard: await listsByScorer(corpus, sources, {
      score: (source, target, shared) => shared / (tagCount[source]! + tagCount[target]! - shared),
    }),
    // Hugo: tags weigh 80 and the year 10; threshold 80; keywords on more than 10% of pages dropped
    // (cardinalityThreshold 10); newer pages never listed (includeNewer false).
    hugo: await listsByScorer(corpus, sources, {
      ignores: (tag) => (df.get(tag) ?? 0) > visible.length * 0.1,
      score: (source, target, shared) => {
        if (publishedAt[target]! > publishedAt[source]!) return undefined
        const score = 80 * shared + (year[source] === year[target] ? 10 : 0)
        return score >= 80 ? score : undefined
      },
    }),
  }
}
