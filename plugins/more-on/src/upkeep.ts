/**
 * Keeps stored lists right: reads what a change needs (store), lets the planning (core/planning.ts) and the scoring
 * (core/scoring.ts) decide, and writes the lists that change. Also the full rebuild.
 *
 * What a story was before a change is read from the plugin's own index, not recorded by the save: the index is what
 * the lists were computed from, so work replayed from the jobs queue, or several stories changed at once (a bulk
 * action), are measured against it and never counted twice. Writers take turns (`claim`, db/locks.ts).
 */
import { createLocalReq, type Payload } from 'payload'

import {
  candidateChanges,
  countDeltas,
  entering,
  firstCut,
  onlyAsFallbacks,
  placeNewcomers,
  rescoring,
  touchedPlaces,
  windowReachFor,
  withRoomForFallbacks,
} from './core/planning.js'
import { buildList, idf } from './core/scoring.js'
import { adjustCounts, indexChanges, loadCounts, noteIndexChange } from './db/counts.js'
import { lockWriters } from './db/locks.js'
import {
  indexedStates,
  indexIfNeverIndexed,
  loadPostings,
  loadWindows,
  reindexAll,
  reindexStories,
} from './db/postings.js'
import {
  analyzeTables,
  loadListSummaries,
  loadStoredLists,
  removeLinksOf,
  removeListsOfHiddenSources,
  replaceLists,
  sourcesListing,
  sourcesShowing,
} from './db/recommendations.js'
import { rewriteAllPhrases } from './db/phrases.js'
import { poolStore, type Store } from './db/store.js'
import { liveIds, loadPinnable, loadStories, storiesTagged } from './db/stories.js'
import { loadKinds } from './db/tags.js'
import type { Instance } from './instance.js'
import { reportChangedLists } from './listsChanged.js'
import type { Change, Counts, ID, Link, Posting, PostingIndex, RebuildProgress, RebuildResult } from './types.js'

/** Work a change leaves for a queued job. */
export type FollowUp = { rebuildAll: boolean; crowdedTags: ID[] }

const unique = <T>(items: Iterable<T>) => [...new Set(items)]

/** idf × kind weight of each of these tags. */
async function tagValues(store: Store, tagIds: readonly ID[], counts: Counts): Promise<Map<ID, number>> {
  const kinds = await loadKinds(store, tagIds)
  return new Map(
    tagIds.map((tag) => [
      tag,
      idf(counts.df.get(tag) ?? 0, counts.published) * store.instance.kindWeight(kinds.get(tag)),
    ]),
  )
}

/**
 * Takes the writers' lock for the rest of the transaction; `changing` when what follows may change the index or the
 * counts (every change but a rebuild's), so that a rebuild under way knows its snapshot has aged.
 */
export async function claim(store: Store, { changing }: { changing: boolean }) {
  await lockWriters(store)
  if (changing) await noteIndexChange(store)
}

/** Recomputes and stores the lists of these sources from the index as it now is; those not live end up with none. */
export async function recompute(store: Store, sourceIds: readonly ID[]): Promise<Map<ID, Link[]>> {
  if (sourceIds.length === 0) return new Map()
  const { settings } = store.instance
  const reach = settings.candidatesPerTag + 1
  const sources = await loadStories(store, unique(sourceIds), { liveOnly: true })
  const tagIds = unique(sources.flatMap((source) => source.tags))
  await indexIfNeverIndexed(store)
  const counts = await loadCounts(store, tagIds)
  const places = sources.flatMap((source) =>
    unique(source.tags).map((tag) => ({ tag, at: source.publishedAt, id: source.id, reach })),
  )
  // A source's nearest candidates on a tag lie within `reach` places on either side of it: its window holds them all.
  const found = await loadWindows(store, places)
  const postingsOf = new Map<ID, Map<ID, Posting[]>>()
  places.forEach((place, index) =>
    (postingsOf.get(place.id) ?? postingsOf.set(place.id, new Map()).get(place.id)!).set(place.tag, found[index]!),
  )
  const values = await tagValues(store, tagIds, counts)
  const pinnable = await loadPinnable(store, unique(sources.flatMap((source) => source.pinned)))
  const lists = new Map(
    sources.map((source) => [
      source.id,
      buildList(source, { postings: postingsOf.get(source.id) ?? new Map(), tagValues: values, pinnable, settings }),
    ]),
  )
  await replaceLists(store, sourceIds, lists)
  return lists
}

/** Recomputes the lists of every story carrying these tags (after a tag's weight or rarity moved). */
export async function recomputeTagged(store: Store, tagIds: readonly ID[]) {
  await recompute(store, await storiesTagged(store, tagIds))
}

/**
 * Brings every list that changes to these stories touch up to date (created, saved or deleted: whatever they now are
 * in the stories' tables, against what the index says they were); returns what only a queued job can finish.
 */
export async function applyChanges(store: Store, storyIds: readonly ID[]): Promise<FollowUp> {
  const { settings } = store.instance
  const ids = unique(storyIds)
  // Building the index for the first time takes everything as it now is, these changes included.
  const freshIndex = await indexIfNeverIndexed(store)
  const indexed = await indexedStates(store, ids)
  const changes: Change[] = ids.map((id) => ({ id, before: indexed.get(id) ?? null }))
  const now = new Map((await loadStories(store, ids, { liveOnly: false })).map((story) => [story.id, story]))
  const gone = ids.filter((id) => !now.has(id))
  const cutLoose = gone.length > 0 ? await removeLinksOf(store, gone) : []

  const deltas = countDeltas(changes, now)
  const tagIds = [...deltas.byTag.keys()]
  let adjusted: Partial<Counts> = { df: new Map() }
  if (!freshIndex) {
    await reindexStories(store, ids)
    adjusted = await adjustCounts(store, deltas)
  }
  const unchanged = tagIds.filter((tag) => !adjusted.df!.has(tag))
  const read = unchanged.length > 0 || adjusted.published === undefined ? await loadCounts(store, unchanged) : undefined
  const counts: Counts = {
    published: adjusted.published ?? read?.published ?? 0,
    df: new Map([...(read?.df ?? []), ...adjusted.df!]),
  }
  const rescore = rescoring(counts, deltas)

  const places = touchedPlaces(changes, now)
  const windowReach = windowReachFor(settings.candidatesPerTag, changes.length)
  const found = await loadWindows(
    store,
    places.map(({ tag, place }) => ({ tag, at: place.publishedAt, id: place.id, reach: windowReach })),
  )
  const values = await tagValues(store, unique(places.map((place) => place.tag)), counts)
  const { changed, ownPostings } = candidateChanges({
    changes,
    now,
    windows: places.map((place, index) => ({ ...place, window: found[index]! })),
    windowReach,
    tagValues: values,
    settings,
  })
  // The changed stories' own lists, from the neighbourhoods just read (none for those no longer live).
  const pinnable = await loadPinnable(
    store,
    unique([...now.values()].flatMap((story) => (story.live ? story.pinned : []))),
  )
  const own = new Map<ID, Link[]>(
    ids.map((id) => {
      const story = now.get(id)
      return [
        id,
        story?.live
          ? buildList(story, {
              postings: (ownPostings.get(id) ?? new Map()) as PostingIndex,
              tagValues: values,
              pinnable,
              settings,
            })
          : [],
      ]
    }),
  )
  const affected = new Set<ID>([
    ...cutLoose,
    // A story that was not live is in no list.
    ...(changes.some((change) => change.before) ? await sourcesListing(store, ids) : []),
    ...(await storiesTagged(store, rescore.inTheSave)),
  ])
  for (const id of [...affected, ...ids]) changed.delete(id)
  const cut = firstCut(changed, settings)
  for (const id of await sourcesShowing(store, cut.departures)) cut.recompute.add(id)
  const candidates = cut.open.filter((id) => !cut.recompute.has(id))
  const fallbacksOnly = onlyAsFallbacks(candidates, changed, settings)
  const summaries = await loadListSummaries(store, fallbacksOnly)
  const settled = new Set(fallbacksOnly)
  const open = [
    ...candidates.filter((id) => !settled.has(id)),
    ...withRoomForFallbacks(fallbacksOnly, changed, summaries, settings),
  ]
  const stored = await loadStoredLists(store, open)
  const newcomers = entering(open, changed, stored, settings)
  const sources = new Map(
    (await loadStories(store, [...newcomers.keys()], { liveOnly: true })).map((story) => [story.id, story]),
  )
  const placed = placeNewcomers(newcomers, sources, stored, now, settings)
  for (const id of [...cut.recompute, ...placed.recompute]) affected.add(id)
  for (const id of ids) affected.delete(id)
  const replaced = new Map([...placed.extended, ...own])
  await replaceLists(store, [...replaced.keys()], replaced)
  await recompute(store, [...affected])
  return {
    // A first index of stories written before the plugin: their lists are yet to be built.
    rebuildAll: (freshIndex && counts.published > ids.filter((id) => now.get(id)?.live).length) || rescore.rebuildAll,
    crowdedTags: rescore.crowded,
  }
}

/**
 * Counts afresh, then recomputes every list in batches that each commit on their own, so readers always see whole
 * lists and saves wait at most one batch. Each batch is scored from a snapshot of the index taken at the start while
 * nothing else has changed it, and from the index as it now is once something has. Each batch's changed lists are
 * reported (`onListsChanged`, with a local request) as soon as the batch commits.
 */
export async function rebuild(
  payload: Payload,
  instance: Instance,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<RebuildResult> {
  const started = Date.now()
  const reportingReq = instance.options.onListsChanged ? await createLocalReq({}, payload) : undefined
  const pool = poolStore(payload, instance)
  const { settings } = instance
  const snapshot = await pool.db.transaction(async (tx) => {
    const store = pool.on(tx)
    await claim(store, { changing: false })
    await reindexAll(store)
    if (instance.suggestions) await rewriteAllPhrases(store)
    const postings = await loadPostings(store)
    const tags = [...postings.keys()]
    const values = await tagValues(store, tags, await loadCounts(store, tags))
    return { postings, values, ids: await liveIds(store), changes: await indexChanges(store) }
  })
  const batchSize = 500
  let links = 0
  for (let start = 0; start < snapshot.ids.length; start += batchSize) {
    const batch = snapshot.ids.slice(start, start + batchSize)
    const changedLists = await pool.db.transaction(async (tx) => {
      const store = pool.on(tx)
      await claim(store, { changing: false })
      let lists: Map<ID, Link[]>
      if ((await indexChanges(store)) !== snapshot.changes) {
        lists = await recompute(store, batch)
      } else {
        const sources = await loadStories(store, batch, { liveOnly: true })
        const pinnable = await loadPinnable(store, unique(sources.flatMap((source) => source.pinned)))
        const { postings, values: tagValuesNow } = snapshot
        lists = new Map(
          sources.map((source) => [
            source.id,
            buildList(source, { postings, tagValues: tagValuesNow, pinnable, settings }),
          ]),
        )
        await replaceLists(store, batch, lists)
      }
      for (const list of lists.values()) links += list.length
      return store.changedLists
    })
    if (reportingReq) await reportChangedLists(reportingReq, instance, changedLists)
    onProgress({ done: Math.min(start + batchSize, snapshot.ids.length), total: snapshot.ids.length })
  }
  await pool.db.transaction(async (tx) => {
    const store = pool.on(tx)
    await claim(store, { changing: false })
    await removeListsOfHiddenSources(store)
  })
  await analyzeTables(pool)
  return { sources: snapshot.ids.length, links, seconds: (Date.now() - started) / 1000 }
}
