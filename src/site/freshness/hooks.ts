import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import { bumpVersions, bumpVersionsEach } from './db'
import { FRESHNESS_KEYS } from './keys'

/** An article's save or delete: its own pages, and every listing, in the change's transaction. */
export const articleChanged: CollectionAfterChangeHook & CollectionAfterDeleteHook = async ({ doc, req }) => {
  await bumpVersions(req, [FRESHNESS_KEYS.article(doc.id), FRESHNESS_KEYS.listings])
  return doc
}

/** A section, tag, author or picture: shown by name on every page. */
export const taxonomyChanged: CollectionAfterChangeHook & CollectionAfterDeleteHook = async ({ doc, req }) => {
  await bumpVersions(req, [FRESHNESS_KEYS.taxonomy])
  return doc
}

export const siteChanged: GlobalAfterChangeHook = async ({ doc, req }) => {
  await bumpVersions(req, [FRESHNESS_KEYS.site])
  return doc
}

/** Articles whose public comment thread changed (the comments plugin's `onPublicThreadChanged`). */
export const threadsChanged = (articleIds: number[], req: PayloadRequest) =>
  bumpVersions(req, articleIds.map(FRESHNESS_KEYS.article))

/** More changed lists than this at once (a rebuild) make every article page stale with one bump instead. */
export const LISTS_NAMED_AT_MOST = 200

/**
 * Articles whose stored "More on" list changed (more-on's `onListsChanged`, called once the change committed, outside
 * any transaction). Never one statement waiting for several keys: holding one row's lock while waiting for another's,
 * a bulk save bumping the same articles in its own order could deadlock with it.
 */
export async function listsChanged(articleIds: (number | string)[], req: PayloadRequest) {
  if (articleIds.length > LISTS_NAMED_AT_MOST) return bumpVersions(req, [FRESHNESS_KEYS.allLists])
  await bumpVersionsEach(req, articleIds.map(FRESHNESS_KEYS.article))
}
