/**
 * Keeps stored lists right: which lists a change touches, recomputing them, and rebuilding them all.
 * Thin glue between the store (SQL) and the scoring (pure).
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { buildList, idf, nearestPostings, type Link, type Posting, type ScoringSettings } from './scoring'
import {
  countVisible,
  loadKinds,
  loadPinnable,
  loadPostings,
  loadStories,
  removeListsOfHiddenSources,
  replaceLists,
  resolveNames,
  sourcesListing,
  visibleIds,
  type StoreNames,
} from './store'
import type { ID, ResolvedMoreOnOptions } from './types'

type Database = PostgresAdapter['drizzle']

const unique = (ids: Iterable<ID>) => [...new Set(ids)]

export type RebuildProgress = { done: number; total: number }
export type RebuildResult = { sources: number; links: number; seconds: number }

export function createLists(options: ResolvedMoreOnOptions) {
  const namesByAdapter = new WeakMap<object, StoreNames>()
  const namesFor = (payload: Payload) => {
    const adapter = payload.db as unknown as PostgresAdapter
    if (!namesByAdapter.has(adapter)) namesByAdapter.set(adapter, resolveNames(adapter, options))
    return namesByAdapter.get(adapter)!
  }
  const settings: ScoringSettings = {
    listLength: options.listLength,
    threshold: options.threshold,
    halfLifeDays: options.halfLifeDays,
    candidatesPerTag: options.candidatesPerTag,
  }
  const kindWeight = (kind: string | undefined) => (kind !== undefined && kind in options.kindWeights ? options.kindWeights[kind]! : options.defaultKindWeight)

  async function tagValues(db: Database, names: StoreNames, postings: ReadonlyMap<ID, readonly Posting[]>, tagIds?: readonly ID[]) {
    const [kinds, published] = [await loadKinds(db, names, tagIds), await countVisible(db, names)]
    return new Map([...postings].map(([tag, list]) => [tag, idf(list.length, published) * kindWeight(kinds.get(tag))]))
  }

  /** Recomputes and stores the lists of these sources; drafts, scheduled and deleted ones end up with none. */
  async function recompute(db: Database, payload: Payload, sourceIds: readonly ID[]): Promise<Map<ID, Link[]>> {
    const names = namesFor(payload)
    const sources = await loadStories(db, names, sourceIds, { visibleOnly: true })
    const tagIds = unique(sources.flatMap((source) => source.tags))
    const postings = await loadPostings(db, names, tagIds)
    const inputs = {
      postings,
      tagValues: await tagValues(db, names, postings, tagIds),
      pinnable: await loadPinnable(db, names, unique(sources.flatMap((source) => source.pinned))),
      settings,
    }
    const lists = new Map(sources.map((source) => [source.id, buildList(source, inputs)]))
    await replaceLists(db, names, sourceIds, lists)
    payload.logger.debug({ msg: `more-on: recomputed ${sourceIds.length} lists`, sources: sourceIds })
    return lists
  }

  /**
   * The lists a change to these stories can touch: their own, those that show them now, and those of the stories
   * nearest in time on each of their tags (before and after the change), where they can enter.
   */
  async function affectedBy(db: Database, payload: Payload, ids: readonly ID[], previousTags: readonly ID[] = []): Promise<ID[]> {
    const names = namesFor(payload)
    const stories = await loadStories(db, names, ids, { visibleOnly: false })
    const postings = await loadPostings(db, names, unique([...stories.flatMap((story) => story.tags), ...previousTags]))
    const affected = new Set([...ids, ...(await sourcesListing(db, names, ids))])
    for (const story of stories) {
      for (const tag of new Set([...story.tags, ...previousTags])) {
        for (const posting of nearestPostings(postings.get(tag) ?? [], story.publishedAt, options.candidatesPerTag)) affected.add(posting.id)
      }
    }
    return [...affected]
  }

  /** Recomputes every list, in batches that each commit on their own, so readers always see whole lists. */
  async function rebuild(payload: Payload, onProgress: (progress: RebuildProgress) => void = () => {}): Promise<RebuildResult> {
    const started = Date.now()
    const db = (payload.db as unknown as PostgresAdapter).drizzle
    const names = namesFor(payload)
    const postings = await loadPostings(db, names)
    const values = await tagValues(db, names, postings)
    const ids = await visibleIds(db, names)
    const batchSize = 500
    let links = 0
    for (let start = 0; start < ids.length; start += batchSize) {
      const batch = ids.slice(start, start + batchSize)
      await db.transaction(async (tx) => {
        const sources = await loadStories(tx, names, batch, { visibleOnly: true })
        const pinnable = await loadPinnable(tx, names, unique(sources.flatMap((source) => source.pinned)))
        const lists = new Map(sources.map((source) => [source.id, buildList(source, { postings, tagValues: values, pinnable, settings })]))
        await replaceLists(tx, names, batch, lists)
        for (const list of lists.values()) links += list.length
      })
      onProgress({ done: Math.min(start + batchSize, ids.length), total: ids.length })
    }
    await removeListsOfHiddenSources(db, names)
    return { sources: ids.length, links, seconds: (Date.now() - started) / 1000 }
  }

  return { namesFor, recompute, affectedBy, rebuild }
}

export type Lists = ReturnType<typeof createLists>
