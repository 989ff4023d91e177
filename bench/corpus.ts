/**
 * A seeded synthetic newsroom: the same seed and size always give the same corpus.
 *
 * Articles come in story clusters (the ground truth of what is related): each cluster has 2–4 core entity tags drawn
 * by Zipf popularity (so a famous name runs through many unrelated stories), one topic, and a lifetime of days to
 * months. Each article carries most of its cluster's core tags, its topic, some noise (other entities and topics),
 * and generic tags that say little (one on 60% of articles, four more on 10–15%).
 */
import { DAY_MS } from '../plugins/shared/time'

/** The corpus spans the three years before this date, so it reads the same whatever day the benchmark runs. */
export const CORPUS_END = Date.UTC(2026, 10, 1)
export const CORPUS_START = CORPUS_END - 3 * 365 * DAY_MS
/** Scheduled articles go live long after any run. */
export const SCHEDULED_AT = Date.UTC(2099, 0, 1)

export type TagKind = 'person' | 'organisation' | 'place' | 'event' | 'topic'
export type CorpusTag = { id: number; name: string; slug: string; kind: TagKind }
export type CorpusArticle = {
  id: number
  cluster: number
  publishedAt: number
  status: 'published' | 'draft'
  section: number
  author: number
  tags: number[]
  /** A real story's headline and text (a file corpus); synthetic ones are named after their cluster. */
  title?: string
  text?: string
}
export type Cluster = { id: number; coreTags: number[]; topic: number; start: number; lifetimeDays: number }
export type Corpus = {
  tags: CorpusTag[]
  sections: { id: number; name: string; slug: string }[]
  authors: { id: number; name: string; slug: string }[]
  clusters: Cluster[]
  articles: CorpusArticle[]
  pools: TagPools
}
/** What the loader writes: any corpus, synthetic or read from a file. */
export type LoadableCorpus = Pick<Corpus, 'tags' | 'sections' | 'authors' | 'articles'>

/** mulberry32: a small, fast, seeded generator. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent. */
function zipfSampler(n: number, exponent: number, random: () => number): () => number {
  const cumulative = new Float64Array(n)
  let total = 0
  for (let rank = 0; rank < n; rank++) cumulative[rank] = total += 1 / (rank + 1) ** exponent
  return () => {
    const target = random() * total
    let low = 0
    let high = n - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle]! < target) low = middle + 1
      else high = middle
    }
    return low
  }
}

const SECTION_NAMES = ['UK news', 'World', 'Politics', 'Business', 'Science', 'Sport', 'Culture', 'Environment']
const GENERIC = [
  { name: 'News', share: 0.6 },
  { name: 'Analysis', share: 0.15 },
  { name: 'Explainer', share: 0.13 },
  { name: 'Opinion', share: 0.12 },
  { name: 'Live', share: 0.1 },
]
const ENTITY_KINDS: [TagKind, number][] = [
  ['person', 0.35],
  ['place', 0.3],
  ['organisation', 0.25],
  ['event', 0.1],
]
const TOPICS = 200

export function generateCorpus(articleCount: number, seed: number): Corpus {
  const random = seededRandom(seed)
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!

  const tags: CorpusTag[] = []
  const addTag = (name: string, kind: TagKind) => {
    const id = tags.length + 1
    tags.push({ id, name, slug: `${kind}-${id}`, kind })
    return id
  }
  const generic = GENERIC.map(({ name }) => addTag(name, 'topic'))
  const topics = Array.from({ length: TOPICS }, (_, index) => addTag(`Topic ${index + 1}`, 'topic'))
  const entityCount = Math.max(20, Math.round(articleCount * 0.05))
  const entities = Array.from({ length: entityCount }, (_, index) => {
    let roll = random()
    const kind = ENTITY_KINDS.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'person'
    return addTag(`${kind[0]!.toUpperCase()}${kind.slice(1)} ${index + 1}`, kind)
  })
  const sections = SECTION_NAMES.map((name, index) => ({
    id: index + 1,
    name,
    slug: name.toLowerCase().replace(/\s+/g, '-'),
  }))
  const authors = Array.from({ length: 50 }, (_, index) => ({
    id: index + 1,
    name: `Reporter ${index + 1}`,
    slug: `reporter-${index + 1}`,
  }))

  const entityRank = zipfSampler(entities.length, 1, random)
  const topicRank = zipfSampler(topics.length, 0.8, random)
  const pools: TagPools = { generic, entity: () => entities[entityRank()]!, topic: () => topics[topicRank()]! }
  const span = CORPUS_END - CORPUS_START
  const clusters: Cluster[] = []
  const articles: CorpusArticle[] = []
  const drafts = Math.max(2, Math.round(articleCount * 0.002))
  const scheduled = Math.max(1, Math.round(articleCount * 0.001))

  while (articles.length < articleCount) {
    const coreCount = 2 + Math.floor(random() * 3)
    const coreTags = new Set<number>()
    while (coreTags.size < coreCount) coreTags.add(pools.entity())
    const lifetimeDays = Math.exp(Math.log(2) + random() * Math.log(120 / 2))
    const cluster: Cluster = {
      id: clusters.length + 1,
      coreTags: [...coreTags],
      topic: pools.topic(),
      start: CORPUS_START + random() * span,
      lifetimeDays,
    }
    clusters.push(cluster)
    const section = pick(sections).id
    // Geometric size with mean 6.
    let size = 1
    while (random() < 5 / 6) size++
    for (let member = 0; member < size && articles.length < articleCount; member++) {
      articles.push(
        newClusterMember(cluster, { id: articles.length + 1, section, author: pick(authors).id }, pools, random),
      )
    }
  }
  // A few drafts and scheduled articles, spread through the corpus.
  for (let index = 0; index < drafts + scheduled; index++) {
    const article = articles[Math.floor(random() * articles.length)]!
    if (index < drafts) article.status = 'draft'
    else article.publishedAt = SCHEDULED_AT
  }
  return { tags, sections, authors, clusters, articles, pools }
}

/** Where an article's tags come from, beyond its cluster's own. */
export type TagPools = { generic: number[]; entity: () => number; topic: () => number }

/** One more article of a story: most of its core tags, usually its topic, some noise, and generic tags. */
export function newClusterMember(
  cluster: Cluster,
  { id, section, author }: { id: number; section: number; author: number },
  pools: TagPools,
  random: () => number,
): CorpusArticle {
  const tags = new Set(cluster.coreTags.filter(() => random() < 0.8))
  if (tags.size === 0) tags.add(cluster.coreTags[Math.floor(random() * cluster.coreTags.length)]!)
  if (random() < 0.9) tags.add(cluster.topic)
  for (let noise = Math.floor(random() * 2.5); noise > 0; noise--) tags.add(pools.entity())
  if (random() < 0.3) tags.add(pools.topic())
  GENERIC.forEach(({ share }, index) => random() < share && tags.add(pools.generic[index]!))
  const publishedAt = Math.min(CORPUS_END - 1, Math.round(cluster.start + random() * cluster.lifetimeDays * DAY_MS))
  return { id, cluster: cluster.id, publishedAt, status: 'published', section, author, tags: [...tags] }
}

/** Articles readers can see: published, and their publish time has come. */
export const isVisible = (article: CorpusArticle, now = Date.now()) =>
  article.status === 'published' && article.publishedAt <= now
