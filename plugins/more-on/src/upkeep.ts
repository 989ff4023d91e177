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
  placeNewcomers,
  rescoreDeparted,
  rescoring,
  touchedPlaces,
  windowReachFor,
  withRescoredLink,
  withScores,
  type ExtendedList,
} from './core/planning.js'
import { buildList, idf } from './core/scoring.js'
import { adjustCounts, beginRebuild, endRebuild, loadCounts, noteIndexChange, rewriteCounts } from './db/counts.js'
import { lockWriters } from './db/locks.js'
import { fillIndex, indexedStates, indexIfNeverIndexed, loadWindows, readIndex, reindexStories } from './db/postings.js'
import {
  extendLists,
  insertLinks,
  keepListsDiffering,
  listsDifferingFromKept,
  loadShownLinks,
  removeLinksOf,
  replaceLists,
  sourcesListing,
  vacuumTables,
} from './db/recommendations.js'
import { rewriteAllPhrases } from './db/phrases.js'
import { dropStaged, finishStaged, stageTable, swapStaged, type StagedTable } from './db/staging.js'
import { poolStore, type Store } from './db/store.js'
import { loadControls, loadPinnable, loadStories, storiesTagged } from './db/stories.js'
import { snapshotOf } from './core/snapshot.js'
import { loadKinds } from './db/tags.js'
import type { Instance } from './instance.js'
import { reportChangedLists } from './listsChanged.js'
import type {
  Change,
  Counts,
  ID,
  Link,
  PinnableStory,
  PostingIndex,
  RebuildProgress,
  RebuildResult,
  Posting,
} from './types.js'

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
 * Takes the writers' lock for the rest of the transaction (unless it is `held` already: a savepoint of a transaction
 * that took it holds it too); `changing` when what follows may change the index, the counts or the lists. Then true
 * while a rebuild is under way: the writer must note its work (`notePendingWork`).
 */
export async function claim(
  store: Store,
  { changing, held = false }: { changing: boolean; held?: boolean },
): Promise<boolean> {
  if (!held) await lockWriters(store)
  return changing ? noteIndexChange(store) : false
}

/** Computes the lists of these sources from the index as it now is (none for those not live). */
async function computeLists(store: Store, sourceIds: readonly ID[]): Promise<Map<ID, Link[]>> {
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
  return new Map(
    sources.map((source) => [
      source.id,
      buildList(source, { postings: postingsOf.get(source.id) ?? new Map(), tagValues: values, pinnable, settings }),
    ]),
  )
}

/** Recomputes and stores the lists of these sources from the index as it now is; those not live end up with none. */
export async function recompute(store: Store, sourceIds: readonly ID[]): Promise<Map<ID, Link[]>> {
  const lists = await computeLists(store, sourceIds)
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
  // One read of the stored lists decides both: what the departures they show do to them, and where a changed story
  // enters (judged by the departed links' new scores).
  const stored = await loadShownLinks(
    store,
    unique([...cut.departures.map((departure) => departure.source), ...cut.open]),
    cut.departures,
  )
  const departed = rescoreDeparted(cut.departures, stored, new Set(ids), settings)
  for (const id of departed.recompute) cut.recompute.add(id)
  for (const id of cut.recompute) departed.rescored.delete(id)
  const newcomers = entering(
    cut.open.filter((id) => !cut.recompute.has(id)),
    changed,
    withScores(stored, departed.rescored),
    settings,
  )
  // The sources that may take a newcomer, and the date of every story their lists and the rescored ones show (the
  // tie-break); the lists to recompute are read in the same statement, for `computeLists` below.
  const inPlace = unique([...newcomers.keys(), ...departed.rescored.keys()])
  const shown = inPlace.flatMap((id) => (stored.get(id) ?? []).map((link) => link.target))
  const nearby = new Map(
    (await loadStories(store, unique([...newcomers.keys(), ...shown, ...cut.recompute]), { liveOnly: false })).map(
      (story) => [story.id, story],
    ),
  )
  const sources = new Map([...nearby].filter(([id, story]) => story.live && newcomers.has(id)))
  const publishedAt = new Map([...nearby.values(), ...now.values()].map((story) => [story.id, story.publishedAt]))
  const rescoredLists = new Map(
    [...departed.rescored].map(([id, link]) => [id, withRescoredLink(stored.get(id)!, link, publishedAt, settings)]),
  )
  const placed = placeNewcomers(newcomers, sources, new Map([...stored, ...rescoredLists]), publishedAt, settings)
  for (const id of [...cut.recompute, ...placed.recompute]) affected.add(id)
  for (const id of ids) affected.delete(id)
  const inPlaceLists = new Map<ID, ExtendedList>(placed.extended)
  for (const [id, shownNow] of rescoredLists) {
    if (affected.has(id)) continue
    const link = departed.rescored.get(id)!
    const extended = inPlaceLists.get(id)
    inPlaceLists.set(
      id,
      extended ? { ...extended, fresh: [...extended.fresh, link] } : { shown: shownNow, fresh: [link] },
    )
  }
  await extendLists(store, inPlaceLists)
  const lists = new Map([...own, ...(await computeLists(store, [...affected]))])
  await replaceLists(store, unique([...affected, ...lists.keys()]), lists)
  return {
    // A first index of stories written before the plugin: their lists are yet to be built.
    rebuildAll: (freshIndex && counts.published > ids.filter((id) => now.get(id)?.live).length) || rescore.rebuildAll,
    crowdedTags: rescore.crowded,
  }
}

/**
 * How many links a rebuild sends to Postgres in one statement (while it scores the next ones). Links held longer
 * than a few young-generation collections are promoted and pile up until a full collection: 20,000 a batch cost
 * 50 MB more peak memory at 100k stories than this, and no speed.
 */
const LINKS_PER_WRITE = 2_500

/**
 * How many lists a rebuild scores between turns of the event loop. A write of a few hundred kilobytes fills the
 * socket's buffer and the rest is sent only when the loop turns, as is the answer read: scored without a pause, each
 * batch would reach Postgres only once the next was ready, and the two cores would take turns instead of both
 * working (at 100k stories, 4.6 s of the rebuild spent waiting on writes, against 0.1 s with a turn every 50 lists).
 */
const LISTS_PER_TURN = 50

/**
 * Reads every live story at one moment into a staged index, in one repeatable-read transaction so that the index,
 * the editors' controls and the tags' kinds all come from the same snapshot.
 */
async function readSnapshot(pool: Store, index: StagedTable) {
  return pool.db.transaction(
    async (tx) => {
      const store = pool.on(tx)
      await fillIndex(store, index.staged)
      const snapshot = snapshotOf(await readIndex(store, index.staged))
      const tagIds = [...snapshot.postings.keys()]
      const counts: Counts = {
        published: snapshot.stories.length,
        df: new Map(tagIds.map((tag) => [tag, snapshot.postings.get(tag)!.length])),
      }
      return { ...snapshot, controls: await loadControls(store), values: await tagValues(store, tagIds, counts) }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read write' },
  )
}

/**
 * Scores every live story's list from the snapshot and writes the lists into the staged table: Node scores the next
 * links while Postgres writes the last ones, so both cores work.
 */
async function writeLists(
  pool: Store,
  lists: StagedTable,
  snapshot: Awaited<ReturnType<typeof readSnapshot>>,
  onProgress: (progress: RebuildProgress) => void,
): Promise<number> {
  const { settings } = pool.instance
  const { stories, postings, tagsOf, controls, values } = snapshot
  const pinned = new Set([...controls.values()].flatMap((control) => control.pinned))
  const pinnable = new Map<ID, PinnableStory>(
    stories.flatMap((story, position) =>
      pinned.has(story.id) ? [[story.id, { ...story, tags: tagsOf(position) }] as const] : [],
    ),
  )
  let links = 0
  let batch: (Link & { source: ID })[] = []
  let writing: Promise<void> = Promise.resolve()
  const flush = async (done: number) => {
    await writing
    const written = insertLinks(pool, lists.staged, batch)
    // Awaited before the next write; until then a failure must not count as unhandled.
    written.catch(() => {})
    writing = written
    batch = []
    onProgress({ done, total: stories.length })
  }
  for (const [position, story] of stories.entries()) {
    const source = {
      ...story,
      mode: 'auto' as const,
      pinned: [],
      excluded: [],
      tags: tagsOf(position),
      ...controls.get(story.id),
    }
    for (const link of buildList(source, { postings, tagValues: values, pinnable, settings }))
      batch.push({ ...link, source: story.id })
    if (batch.length >= LINKS_PER_WRITE) {
      links += batch.length
      await flush(position + 1)
    } else if (position % LISTS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  links += batch.length
  await flush(stories.length)
  await writing
  return links
}

/**
 * Brings the stored lists and the index to what they would be if every list were computed afresh now.
 *
 * The new index and lists are built in staged tables from one snapshot of the stories, while the site reads and
 * editors save as usual, then swapped in together under the writers' lock. Writers that commit after the rebuild
 * marked itself under way note what they did (`notePendingWork`); the swap applies that work again against the
 * snapshot's index, exactly as a job replayed from the queue would be, so nothing saved meanwhile is lost. Changed
 * lists are reported (`onListsChanged`, with a local request) once the swap commits.
 */
export async function rebuild(
  payload: Payload,
  instance: Instance,
  onProgress: (progress: RebuildProgress) => void = () => {},
): Promise<RebuildResult> {
  const started = Date.now()
  const pool = poolStore(payload, instance)
  const { names } = pool
  // A count of all stories that moves a step during the rebuild changes every score: then it runs again.
  for (let attempt = 1; ; attempt++) {
    await pool.db.transaction(async (tx) => {
      const store = pool.on(tx)
      await claim(store, { changing: false })
      await beginRebuild(store)
      if (instance.suggestions) await rewriteAllPhrases(store)
    })
    const index = await stageTable(pool, names.postings)
    const lists = await stageTable(pool, names.recommendations)
    let swapped = false
    try {
      const snapshot = await readSnapshot(pool, index)
      // Postgres indexes the new index while Node scores the lists from it.
      const [links] = await Promise.all([writeLists(pool, lists, snapshot, onProgress), finishStaged(pool, index)])
      await finishStaged(pool, lists)
      const { changedLists, again } = await pool.db.transaction(async (tx) => {
        const store = pool.on(tx)
        await claim(store, { changing: true })
        const differing = instance.options.onListsChanged ? await keepListsDiffering(store, lists.staged) : []
        await swapStaged(store, lists)
        await swapStaged(store, index)
        await rewriteCounts(store)
        const pending = await endRebuild(store)
        const followUp = await applyChanges(store, pending.stories)
        await recompute(store, pending.ids)
        await recomputeTagged(store, unique([...pending.tags, ...followUp.crowdedTags]))
        // The work saved meanwhile is judged against the snapshot's lists; a list it brings back to what readers
        // saw before the swap is no change to them. Only the lists both touched are compared again.
        const kept = new Set(differing)
        const replayed = [...store.changedLists]
        const changedLists = [
          ...differing.filter((id) => !store.changedLists.has(id)),
          ...replayed.filter((id) => !kept.has(id)),
          ...(await listsDifferingFromKept(
            store,
            replayed.filter((id) => kept.has(id)),
          )),
        ]
        return { changedLists, again: followUp.rebuildAll }
      })
      swapped = true
      if (instance.options.onListsChanged)
        await reportChangedLists(await createLocalReq({}, payload), instance, changedLists)
      await vacuumTables(pool)
      if (!again || attempt >= 3)
        return { sources: snapshot.stories.length, links, seconds: (Date.now() - started) / 1000 }
    } finally {
      if (!swapped) {
        await dropStaged(pool, index)
        await dropStaged(pool, lists)
        await pool.db.transaction(async (tx) => {
          const store = pool.on(tx)
          await claim(store, { changing: false })
          await endRebuild(store)
        })
      }
    }
  }
}
