/**
 * Keeps stored lists right: which lists a change touches, recomputing them, and rebuilding them all.
 * Thin glue between the store (SQL) and the scoring (pure).
 *
 * A story's candidates on a tag are the stories nearest to it in time there, so a change to a story can alter the
 * candidates of the stories near its old and new places on each of its tags (and no others). Of those, only lists
 * that can actually change are touched: a changed story that now enters a list is placed in it; lists that show a
 * story that stopped being a candidate, or that gained some other candidate, are recomputed; and so are the changed
 * story's own list and the lists that show it. Every tag's count of published stories is kept as stories change; a
 * tag's rarity moves only when its count crosses a rounding step (and N's only when the whole count does): then the
 * stories of a tag with few of them are rescored in the save, those of a bigger tag (or all lists) by a queued job,
 * so that the stored lists always converge on what a rebuild computes.
 *
 * What a story was before a change is read from the plugin's own index, not recorded by the save: the index is what
 * the lists were computed from, so work replayed from the jobs queue, or several stories changed at once (a bulk
 * action), are measured against it and never counted twice. Writers take turns (`claim`): see `lockWriters`. */
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import {
  buildList,
  idf,
  nearestRange,
  precedes,
  timeDecay,
  linkFromContributions,
  withAutomaticLink,
  statisticStep,
  windowAround,
  type Link,
  type Posting,
  type Place,
  type PostingIndex,
  type ScoringSettings,
} from './scoring'
import {
  adjustCounts,
  analyzeTables,
  ALL_STORIES,
  indexChanges,
  indexIfNeverIndexed,
  indexedStates,
  loadCounts,
  loadKinds,
  loadPinnable,
  loadPostings,
  loadStoredLists,
  sourcesShowing,
  loadStories,
  loadWindows,
  lockWriters,
  noteIndexChange,
  reindexAll,
  reindexStories,
  removeListsOfHiddenSources,
  removeLinksOf,
  replaceLists,
  resolveNames,
  sourcesListing,
  storiesTagged,
  visibleIds,
  type Counts,
  type StoreNames,
  type StoredStory,
} from './store'
import type { ID, ResolvedMoreOnOptions } from './types'

type Database = PostgresAdapter['drizzle']

/** A tag whose rarity moved is rescored in the save itself when it has at most this many stories, else by a queued job. */
const RESCORED_IN_THE_SAVE = 16

const unique = <T>(items: Iterable<T>) => [...new Set(items)]

/** What the plugin needs to know of a story as it was before a change. */
type StoryState = { visible: boolean; tags: readonly ID[]; publishedAt: number }
/** A story that changed (or was created, or deleted), with its state before (`null`: not published, or not there). */
type Change = { id: ID; before: StoryState | null }
/** Work a change leaves for a queued job. */
export type FollowUp = { rebuildAll: boolean; crowdedTags: ID[] }

export type RebuildProgress = { done: number; total: number }
export type RebuildResult = { sources: number; links: number; seconds: number }

/** Whether a story, in this state, is on the tag's list of published stories. */
const listedOn = (state: StoryState | null | undefined, tag: ID) => Boolean(state?.visible && state.tags.includes(tag))

/**
 * How a nearby story's candidates changed: stories that arrived or left (other than the changed ones), and the score
 * each changed story now has as its candidate (the tags it is found through, from the windows alone).
 */
type CandidateChange = { arrived: Set<ID>; left: Set<ID>; changedScores: Map<ID, Map<ID, number>> }
type CandidateChanges = Map<ID, CandidateChange>

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
  /** How far, in places on a tag's date-sorted list, a story's candidates reach. */
  const reach = options.candidatesPerTag + 1
  const kindWeight = (kind: string | undefined) =>
    kind !== undefined && kind in options.kindWeights ? options.kindWeights[kind]! : options.defaultKindWeight

  async function tagValues(db: Database, names: StoreNames, tagIds: readonly ID[], counts: Counts): Promise<Map<ID, number>> {
    const kinds = await loadKinds(db, names, tagIds)
    return new Map(tagIds.map((tag) => [tag, idf(counts.df.get(tag) ?? 0, counts.published) * kindWeight(kinds.get(tag))]))
  }

  /** The windows of these (tag, moment) pairs, `windowReach` stories on each side. */
  const windows = (db: Database, names: StoreNames, places: readonly { tag: ID; place: Place }[], windowReach: number) =>
    loadWindows(db, names, places.map(({ tag, place }) => ({ tag, at: place.publishedAt, id: place.id, reach: windowReach })))

  /** Recomputes and stores the lists of these sources; drafts, scheduled and deleted ones end up with none. */
  async function recompute(db: Database, payload: Payload, sourceIds: readonly ID[]): Promise<Map<ID, Link[]>> {
    if (sourceIds.length === 0) return new Map()
    const names = namesFor(payload)
    const sources = await loadStories(db, names, unique(sourceIds), { visibleOnly: true })
    const tagIds = unique(sources.flatMap((source) => source.tags))
    await indexIfNeverIndexed(db, names)
    const counts = await loadCounts(db, names, tagIds)
    const places = sources.flatMap((source) => unique(source.tags).map((tag) => ({ tag, place: source })))
    // A source's nearest candidates on a tag lie within `reach` places on either side of it: its window holds them all.
    const found = await windows(db, names, places, reach)
    const postingsOf = new Map<ID, Map<ID, Posting[]>>()
    let place = 0
    for (const source of sources) postingsOf.set(source.id, new Map(unique(source.tags).map((tag) => [tag, found[place++]!])))
    const values = await tagValues(db, names, tagIds, counts)
    const pinnable = await loadPinnable(db, names, unique(sources.flatMap((source) => source.pinned)))
    const lists = new Map(
      sources.map((source) => [source.id, buildList(source, { postings: postingsOf.get(source.id)!, tagValues: values, pinnable, settings })]),
    )
    await replaceLists(db, names, sourceIds, lists)
    payload.logger.debug({ msg: `more-on: recomputed ${sourceIds.length} lists`, sources: sourceIds })
    return lists
  }

  /**
   * Around each changed story's old and new place on each of its tags: the stories whose candidates changed, and how.
   * Windows reach twice as far as candidates do (and one place more per change, for the stories a change takes out),
   * so each nearby story's candidates are seen whole, before and after.
   */
  async function candidateChanges(db: Database, names: StoreNames, changes: readonly Change[], now: ReadonlyMap<ID, StoredStory>, counts: Counts) {
    const changedIds = new Set(changes.map((change) => change.id))
    const places = unique(
      changes.flatMap((change) =>
        [change.before, now.get(change.id)].flatMap((state) => (state?.visible ? state.tags.map((tag) => `${tag}@${state.publishedAt}@${change.id}`) : [])),
      ),
    ).map((key) => {
      const [tag, publishedAt, id] = key.split('@').map(Number)
      return { tag: tag!, place: { publishedAt: publishedAt!, id: id! } }
    })
    const windowReach = 2 * reach + changes.length
    const found = await windows(db, names, places, windowReach)
    const values = await tagValues(db, names, unique(places.map((place) => place.tag)), counts)
    const result: CandidateChanges = new Map()
    /** Each changed story's own neighbourhood on each of its tags as it now is: all its own list needs. */
    const ownPostings = new Map<ID, Map<ID, Posting[]>>()
    places.forEach(({ tag, place }, index) => {
      const after = found[index]!
      if (now.get(place.id)?.publishedAt === place.publishedAt) {
        ;(ownPostings.get(place.id) ?? ownPostings.set(place.id, new Map()).get(place.id)!).set(tag, after)
      }
      const earlierCount = after.filter((posting) => precedes(posting, place)).length
      const complete = { earlier: earlierCount < windowReach, later: after.length - earlierCount < windowReach }
      // The same stretch of the tag as it was: changed stories back at their old places (where those fall inside it).
      const returning = changes.flatMap((change) => {
        const old = change.before && { id: change.id, publishedAt: change.before.publishedAt, neverAutoLink: false }
        const inside = old && (complete.earlier || !precedes(old, after[0]!)) && (complete.later || !precedes(after.at(-1)!, old))
        return listedOn(change.before, tag) && inside ? [old] : []
      })
      const before = [...after.filter((posting) => !changedIds.has(posting.id)), ...returning].sort((a, b) => a.publishedAt - b.publishedAt || a.id - b.id)
      const nearby = unique([...windowAround(after, place, reach), ...windowAround(before, place, reach)].filter((posting) => !changedIds.has(posting.id)))
      const indexIn = (list: readonly Posting[]) => new Map(list.map((posting, index) => [posting.id, index]))
      const [beforeIndex, afterIndex] = [indexIn(before), indexIn(after)]
      const inRange = (index: number | undefined, [start, end]: [number, number]) => index !== undefined && index >= start && index < end
      // Both candidate sets are runs of neighbours in nearly the same list: they can differ only at their ends.
      const walkIn = (list: readonly Posting[], [start, end]: [number, number], otherIndex: Map<ID, number>, other: [number, number], into: Set<ID>) => {
        for (const step of [1, -1]) {
          for (let index = step === 1 ? start : end - 1; index >= start && index < end; index += step) {
            const id = list[index]!.id
            if (changedIds.has(id)) continue
            if (inRange(otherIndex.get(id), other)) break
            into.add(id)
          }
        }
      }
      for (const story of nearby) {
        const was = nearestRange(before, story, reach)
        const is = nearestRange(after, story, reach)
        const entry = result.get(story.id) ?? result.set(story.id, { arrived: new Set(), left: new Set(), changedScores: new Map() }).get(story.id)!
        for (const change of changes) {
          const state = now.get(change.id)
          const position = afterIndex.get(change.id)
          if (inRange(position, is) && state) {
            // A story editors keep out of automatic links enters no list; the lists that show it are recomputed anyway.
            if (after[position!]!.neverAutoLink) continue
            const byTag = entry.changedScores.get(change.id) ?? entry.changedScores.set(change.id, new Map()).get(change.id)!
            byTag.set(tag, values.get(tag)! * timeDecay(state.publishedAt - story.publishedAt, settings.halfLifeDays))
          } else if (inRange(beforeIndex.get(change.id), was)) entry.left.add(change.id)
        }
        walkIn(before, was, afterIndex, is, entry.left)
        walkIn(after, is, beforeIndex, was, entry.arrived)
      }
    })
    return { changed: result, ownPostings, values }
  }

  /**
   * The stories among these whose lists a change of candidates can alter: one that shows a story that stopped being
   * its candidate, one that gained a candidate other than the changed stories (rare: only a story that moves away or
   * leaves makes room for one), and one whose list a changed story would now enter.
   */
  async function listsThatChange(
    db: Database,
    names: StoreNames,
    changed: CandidateChanges,
    now: ReadonlyMap<ID, StoredStory>,
  ): Promise<{ recompute: ID[]; extended: Map<ID, Link[]> }> {
    const recompute = new Set([...changed].filter(([, change]) => change.arrived.size > 0).map(([id]) => id))
    const departures = [...changed].flatMap(([id, change]) => (recompute.has(id) ? [] : [...change.left].map((left): [ID, ID] => [id, left])))
    for (const id of await sourcesShowing(db, names, departures)) recompute.add(id)
    const linksOf = (change: CandidateChange) => [...change.changedScores].map(([target, byTag]) => linkFromContributions(target, byTag))
    const passes = (link: { score: number }) => link.score > 0 && link.score >= settings.threshold
    const open = [...changed].filter(([id, change]) => !recompute.has(id) && linksOf(change).some(passes)).map(([id]) => id)
    const stored = await loadStoredLists(db, names, open)
    const entering = new Map(
      open.flatMap((id) => {
        const list = stored.get(id) ?? []
        const automatic = list.filter((link) => link.origin === 'auto')
        const weakest = Math.min(...automatic.map((link) => link.score))
        const full = list.length >= settings.listLength
        // Scores are stored as decimals: a tie with the weakest link may read a hair apart, so ties count as entering.
        const links = linksOf(changed.get(id)!).filter((link) => passes(link) && (!full || (automatic.length > 0 && link.score >= weakest * (1 - 1e-9))))
        return links.length > 0 ? [[id, links] as const] : []
      }),
    )
    const sources = new Map((await loadStories(db, names, [...entering.keys()], { visibleOnly: true })).map((story) => [story.id, story]))
    const extended = new Map<ID, Link[]>()
    for (const [id, candidates] of entering) {
      const source = sources.get(id)
      const links = candidates.filter((link) => !source?.excluded.includes(link.target))
      if (!source || source.mode !== 'auto' || links.length === 0) continue
      if (links.length > 1) {
        recompute.add(id)
        continue
      }
      // Nothing else about this list changed: the one newcomer takes its place in it.
      const list = stored.get(id) ?? []
      const publishedAt = new Map([...list.map((link): [ID, number] => [link.target, link.publishedAt]), [links[0]!.target, now.get(links[0]!.target)!.publishedAt]])
      extended.set(id, withAutomaticLink(list, links[0]!, publishedAt, settings.listLength))
    }
    return { recompute: [...recompute], extended }
  }

  /**
   * Brings every list that changes to these stories touch up to date (created, saved or deleted: whatever they now are
   * in the stories' tables, against what the index says they were); returns what only a queued job can finish.
   */
  async function applyChanges(db: Database, payload: Payload, storyIds: readonly ID[]): Promise<FollowUp> {
    const names = namesFor(payload)
    const ids = unique(storyIds)
    // Building the index for the first time takes everything as it now is, these changes included.
    const freshIndex = await indexIfNeverIndexed(db, names)
    const indexed = await indexedStates(db, names, ids)
    const changes: Change[] = ids.map((id) => ({ id, before: indexed.get(id) ?? null }))
    const now = new Map((await loadStories(db, names, ids, { visibleOnly: false })).map((story) => [story.id, story]))
    const gone = ids.filter((id) => !now.has(id))
    const cutLoose = gone.length > 0 ? await removeLinksOf(db, names, gone) : []
    const tagIds = unique(changes.flatMap((change) => [...(change.before?.tags ?? []), ...(now.get(change.id)?.tags ?? [])]))
    const deltas = new Map<ID, number>([
      [ALL_STORIES, changes.reduce((sum, change) => sum + Number(Boolean(now.get(change.id)?.visible)) - Number(Boolean(change.before?.visible)), 0)],
      ...tagIds.map((tag): [ID, number] => [tag, changes.reduce((sum, change) => sum + Number(listedOn(now.get(change.id), tag)) - Number(listedOn(change.before, tag)), 0)]),
    ])
    let adjusted = new Map<ID, number>()
    if (!freshIndex) {
      await reindexStories(db, names, ids)
      adjusted = await adjustCounts(db, names, deltas)
    }
    const unchanged = tagIds.filter((tag) => !adjusted.has(tag))
    const read = unchanged.length > 0 || !adjusted.has(ALL_STORIES) ? await loadCounts(db, names, unchanged) : undefined
    const counts: Counts = {
      published: adjusted.get(ALL_STORIES) ?? read?.published ?? 0,
      df: new Map([...(read?.df ?? []), ...adjusted]),
    }

    const stepMoved = (count: number, delta: number) => statisticStep(count) !== statisticStep(count - delta)
    const movedTags = tagIds.filter((tag) => stepMoved(counts.df.get(tag) ?? 0, deltas.get(tag)!))
    const isSmall = (tag: ID) => Math.max(counts.df.get(tag) ?? 0, (counts.df.get(tag) ?? 0) - deltas.get(tag)!) <= RESCORED_IN_THE_SAVE
    const { changed, ownPostings, values } = await candidateChanges(db, names, changes, now, counts)
    // The changed stories' own lists, from the neighbourhoods just read (none for those no longer published).
    const own = new Map<ID, Link[]>()
    const pinnable = await loadPinnable(db, names, unique([...now.values()].flatMap((story) => (story.visible ? story.pinned : []))))
    for (const id of ids) {
      const story = now.get(id)
      own.set(id, story?.visible ? buildList(story, { postings: ownPostings.get(id) ?? new Map(), tagValues: values, pinnable, settings }) : [])
    }
    const affected = new Set([
      ...cutLoose,
      // A story that was not published is in no list.
      ...(changes.some((change) => change.before) ? await sourcesListing(db, names, ids) : []),
      ...(await storiesTagged(db, names, movedTags.filter(isSmall))),
    ])
    for (const id of [...affected, ...ids]) changed.delete(id)
    const { recompute: alsoAffected, extended } = await listsThatChange(db, names, changed, now)
    for (const id of alsoAffected) affected.add(id)
    for (const id of ids) affected.delete(id)
    const replaced = new Map([...extended, ...own])
    await replaceLists(db, names, [...replaced.keys()], replaced)
    await recompute(db, payload, [...affected])
    return {
      // A first index of stories written before the plugin: their lists are yet to be built.
      rebuildAll: (freshIndex && counts.published > ids.filter((id) => now.get(id)?.visible).length) || stepMoved(counts.published, deltas.get(ALL_STORIES)!),
      crowdedTags: movedTags.filter((tag) => !isSmall(tag)),
    }
  }

  /** Recomputes the lists of every story carrying these tags (after a tag's weight or rarity moved, or it was deleted). */
  async function recomputeTagged(db: Database, payload: Payload, tagIds: readonly ID[]) {
    await recompute(db, payload, await storiesTagged(db, namesFor(payload), tagIds))
  }

  /**
   * Takes the writers' lock for the rest of the transaction; `changing` when what follows may change the index or the
   * counts (every change but a rebuild's), so that a rebuild under way knows its snapshot has aged.
   */
  async function claim(db: Database, payload: Payload, { changing }: { changing: boolean }) {
    const names = namesFor(payload)
    await lockWriters(db, names)
    if (changing) await noteIndexChange(db, names)
  }

  /**
   * Counts afresh, then recomputes every list in batches that each commit on their own, so readers always see whole
   * lists and saves wait at most one batch. Each batch is scored from a snapshot of the index taken at the start while
   * nothing else has changed it, and from the index as it now is once something has.
   */
  async function rebuild(payload: Payload, onProgress: (progress: RebuildProgress) => void = () => {}): Promise<RebuildResult> {
    const started = Date.now()
    const db = (payload.db as unknown as PostgresAdapter).drizzle
    const names = namesFor(payload)
    const snapshot = await db.transaction(async (tx) => {
      await claim(tx, payload, { changing: false })
      await reindexAll(tx, names)
      const postings: PostingIndex = await loadPostings(tx, names)
      const values = await tagValues(tx, names, [...postings.keys()], await loadCounts(tx, names, [...postings.keys()]))
      return { postings, values, ids: await visibleIds(tx, names), changes: await indexChanges(tx, names) }
    })
    const batchSize = 500
    let links = 0
    for (let start = 0; start < snapshot.ids.length; start += batchSize) {
      const batch = snapshot.ids.slice(start, start + batchSize)
      await db.transaction(async (tx) => {
        await claim(tx, payload, { changing: false })
        let lists: Map<ID, Link[]>
        if ((await indexChanges(tx, names)) !== snapshot.changes) {
          lists = await recompute(tx, payload, batch)
        } else {
          const sources = await loadStories(tx, names, batch, { visibleOnly: true })
          const pinnable = await loadPinnable(tx, names, unique(sources.flatMap((source) => source.pinned)))
          const { postings, values: tagValues } = snapshot
          lists = new Map(sources.map((source) => [source.id, buildList(source, { postings, tagValues, pinnable, settings })]))
          await replaceLists(tx, names, batch, lists)
        }
        for (const list of lists.values()) links += list.length
      })
      onProgress({ done: Math.min(start + batchSize, snapshot.ids.length), total: snapshot.ids.length })
    }
    await db.transaction(async (tx) => {
      await claim(tx, payload, { changing: false })
      await removeListsOfHiddenSources(tx, names)
    })
    await analyzeTables(db, names)
    return { sources: snapshot.ids.length, links, seconds: (Date.now() - started) / 1000 }
  }

  return { namesFor, claim, recompute, applyChanges, recomputeTagged, rebuild }
}

export type Lists = ReturnType<typeof createLists>
