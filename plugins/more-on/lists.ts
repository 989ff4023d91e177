/**
 * Keeps stored lists right: which lists a change touches, recomputing them, and rebuilding them all.
 * Thin glue between the store (SQL) and the scoring (pure).
 *
 * A change to a story touches the lists of: the story itself; the stories that list it; and, on each of its tags
 * (before and after the change), the stories whose nearest-in-time windows can hold it. A tag with few stories has
 * all of its stories recomputed, since its rarity may have moved. A crowded tag's rarity moves only when its count
 * crosses a rounding step, and N's only when the whole count does: those rare cases are handed to a queued job
 * (all stories of the tag, or a full rebuild), so that the stored lists always converge on what a rebuild computes.
 */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import { buildList, idf, statisticStep, windowAround, type Link, type Posting, type ScoringSettings } from './scoring'
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
  storiesTagged,
  visibleIds,
  type StoreNames,
} from './store'
import type { ID, ResolvedMoreOnOptions } from './types'

type Database = PostgresAdapter['drizzle']

const unique = (ids: Iterable<ID>) => [...new Set(ids)]

/** What the plugin needs to know of a story as it was before a change. */
export type StoryState = { visible: boolean; tags: readonly ID[]; publishedAt: number }
/** A story that changed (or was created, or deleted), with its state before (`null`: it did not exist). */
export type Change = { id: ID; before: StoryState | null }
/** Work a change leaves for a queued job. */
export type FollowUp = { rebuildAll: boolean; crowdedTags: ID[] }

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
  /** How far, in places on a tag's date-sorted list, a story's window reaches. */
  const reach = options.candidatesPerTag + 1
  const kindWeight = (kind: string | undefined) =>
    kind !== undefined && kind in options.kindWeights ? options.kindWeights[kind]! : options.defaultKindWeight

  async function tagValues(db: Database, names: StoreNames, postings: ReadonlyMap<ID, readonly Posting[]>, tagIds?: readonly ID[], knownPublished?: number) {
    const kinds = await loadKinds(db, names, tagIds)
    const published = knownPublished ?? (await countVisible(db, names))
    return new Map([...postings].map(([tag, list]) => [tag, idf(list.length, published) * kindWeight(kinds.get(tag))]))
  }

  /** Recomputes and stores the lists of these sources; drafts, scheduled and deleted ones end up with none. */
  /** `published`: the count of published stories, when the caller has it already. */
  async function recompute(db: Database, payload: Payload, sourceIds: readonly ID[], published?: number): Promise<Map<ID, Link[]>> {
    const names = namesFor(payload)
    const sources = await loadStories(db, names, sourceIds, { visibleOnly: true })
    const tagIds = unique(sources.flatMap((source) => source.tags))
    const postings = await loadPostings(db, names, tagIds)
    const inputs = {
      postings,
      tagValues: await tagValues(db, names, postings, tagIds, published),
      pinnable: await loadPinnable(db, names, unique(sources.flatMap((source) => source.pinned))),
      settings,
    }
    const lists = new Map(sources.map((source) => [source.id, buildList(source, inputs)]))
    await replaceLists(db, names, sourceIds, lists)
    payload.logger.debug({ msg: `more-on: recomputed ${sourceIds.length} lists`, sources: sourceIds })
    return lists
  }

  /** Brings every list a set of changes touches up to date; returns what only a queued job can finish. */
  async function applyChanges(db: Database, payload: Payload, changes: readonly Change[], alsoRecompute: readonly ID[] = []): Promise<FollowUp> {
    const names = namesFor(payload)
    const ids = changes.map((change) => change.id)
    const now = new Map((await loadStories(db, names, ids, { visibleOnly: false })).map((story) => [story.id, story]))
    const counted = (state: StoryState | undefined | null, tag: ID) => (state?.visible && state.tags.includes(tag) ? 1 : 0)
    const tagIds = unique(changes.flatMap((change) => [...(change.before?.tags ?? []), ...(now.get(change.id)?.tags ?? [])]))
    const postings = await loadPostings(db, names, tagIds)

    const affected = new Set([...ids, ...alsoRecompute, ...(await sourcesListing(db, names, ids))])
    const crowdedTags: ID[] = []
    for (const tag of tagIds) {
      const list = postings.get(tag) ?? []
      const dfBefore = list.length - changes.reduce((sum, change) => sum + counted(now.get(change.id), tag) - counted(change.before, tag), 0)
      if (Math.max(list.length, dfBefore) <= 2 * reach) {
        for (const posting of list) affected.add(posting.id)
        continue
      }
      for (const change of changes) {
        for (const at of [change.before?.publishedAt, now.get(change.id)?.publishedAt]) {
          if (at !== undefined) for (const posting of windowAround(list, at, reach)) affected.add(posting.id)
        }
      }
      if (statisticStep(list.length) !== statisticStep(dfBefore)) crowdedTags.push(tag)
    }
    const published = await countVisible(db, names)
    const publishedBefore = published - changes.reduce((sum, change) => sum + Number(Boolean(now.get(change.id)?.visible)) - Number(Boolean(change.before?.visible)), 0)

    await recompute(db, payload, [...affected], published)
    return { rebuildAll: statisticStep(published) !== statisticStep(publishedBefore), crowdedTags }
  }

  /** Recomputes the lists of every story carrying these tags (after a tag's weight or rarity moved, or it was deleted). */
  async function recomputeTagged(db: Database, payload: Payload, tagIds: readonly ID[]) {
    await recompute(db, payload, await storiesTagged(db, namesFor(payload), tagIds))
  }

  /** The state the change hooks record before a save or delete. */
  async function statesOf(db: Database, payload: Payload, ids: readonly ID[]): Promise<Map<ID, StoryState>> {
    const stories = await loadStories(db, namesFor(payload), ids, { visibleOnly: false })
    return new Map(stories.map((story) => [story.id, { visible: story.visible, tags: [...story.tags], publishedAt: story.publishedAt }]))
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

  return { namesFor, recompute, applyChanges, recomputeTagged, statesOf, rebuild }
}

export type Lists = ReturnType<typeof createLists>
