import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  CollectionBeforeOperationHook,
  PayloadRequest,
} from 'payload'
import { APIError, NotFound, ValidationError } from 'payload'

import { hasRole } from '../../collections/access'
import { clientAddress, hashAddress } from './client-address'
import { parseReaderComment, type ReaderComment } from './input'
import { hit } from './rate-limit'
import { isOpenForComments, parseWordList, placeReply, verdictFor, type Moderation } from './rules'
import { lockArticleOfComment, lockArticles, moveReplies, refreshCommentCounts, refreshReportCount } from './store'

export type CommentOptions = { secret: string; trustProxy: boolean }

const DUPLICATE_WINDOW_MS = 10 * 60_000
const READER_INPUT = 'readerComment'

const isStaff = (req: PayloadRequest) => hasRole(req, 'admin', 'moderator')
const idOf = (value: unknown): number | undefined =>
  value && typeof value === 'object' ? idOf((value as { id: unknown }).id) : value == null || value === '' ? undefined : Number(value)

export async function commentSettings(req: PayloadRequest) {
  const settings = await req.payload.findGlobal({ slug: 'comment-settings', req, overrideAccess: true, depth: 0 })
  return {
    suspectWords: parseWordList(settings.suspectWords),
    bannedWords: parseWordList(settings.bannedWords),
    perMinute: settings.perMinute ?? 5,
    perHour: settings.perHour ?? 30,
    reportsToHold: settings.reportsToHold ?? 3,
  }
}

/** The reader's hashed address (never the address itself). */
export const readerAddressHash = (req: PayloadRequest, options: CommentOptions) => hashAddress(options.secret, clientAddress(req, options.trustProxy))

/** Throws a 429 with Retry-After when the reader is over a limit. */
export async function enforceRateLimit(req: PayloadRequest, keys: string[], settings?: Awaited<ReturnType<typeof commentSettings>>) {
  settings ??= await commentSettings(req)
  const verdict = await hit(req, keys, [
    { name: 'minute', seconds: 60, limit: settings.perMinute },
    { name: 'hour', seconds: 3600, limit: settings.perHour },
  ])
  if (!verdict.allowed) {
    req.responseHeaders = new Headers({ 'Retry-After': String(verdict.retryAfter) })
    throw new APIError(`Too many requests: try again in ${verdict.retryAfter} seconds`, 429, { retryAfter: verdict.retryAfter }, true)
  }
}

/**
 * Readers (REST, GraphQL or the Local API without access override) may send only what the form has; the rest is
 * dropped here, before Payload sees it, and bad input is a 400 naming the field.
 */
export const acceptReaderInput: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'create' || args.overrideAccess === true || isStaff(req)) return args
  const input = parseReaderComment(args.data)
  req.context[READER_INPUT] = input
  const { website: _honeypot, ...data } = input
  return { ...args, data: { ...data, parent: data.parent ?? undefined } }
}

/** The moderation rules for a reader's new comment; every server-owned field is set here, whatever was sent. */
export function applyReaderRules(options: CommentOptions): CollectionBeforeChangeHook {
  return async ({ data, operation, req }) => {
    const input = req.context[READER_INPUT] as ReaderComment | undefined
    if (operation !== 'create' || !input) return data
    delete req.context[READER_INPUT]

    const { docs: articles } = await req.payload.find({
      collection: 'articles',
      where: { id: { equals: input.article } },
      depth: 0,
      limit: 1,
      overrideAccess: false,
      user: null,
      req,
    })
    const article = articles[0]
    if (!article) throw new NotFound(req.t)
    if (!isOpenForComments(article.discussion, article.publishedAt, Date.now())) {
      throw new APIError('Comments are closed for this article', 403, undefined, true)
    }

    let placement: { parent: number | null; depth: number } = { parent: null, depth: 1 }
    if (input.parent) {
      const { docs } = await req.payload.find({
        collection: 'comments',
        where: { id: { equals: input.parent }, article: { equals: input.article }, status: { equals: 'approved' } },
        depth: 0,
        limit: 1,
        overrideAccess: true,
        req,
      })
      const parent = docs[0]
      if (!parent) {
        throw new ValidationError({ collection: 'comments', errors: [{ path: 'parent', message: 'parent must be a published comment on the same article' }] })
      }
      placement = placeReply({ id: parent.id, depth: parent.depth ?? 1, parent: idOf(parent.parent) ?? null })
    }

    const settings = await commentSettings(req)
    const ipHash = readerAddressHash(req, options)
    await enforceRateLimit(req, [`comment:ip:${ipHash}`, `comment:email:${input.authorEmail}`], settings)

    const duplicates = await req.payload.count({
      collection: 'comments',
      where: {
        article: { equals: input.article },
        authorEmail: { equals: input.authorEmail },
        body: { equals: input.body },
        createdAt: { greater_than: new Date(Date.now() - DUPLICATE_WINDOW_MS).toISOString() },
      },
      overrideAccess: true,
      req,
    })
    if (duplicates.totalDocs > 0) throw new APIError('You have already posted this comment', 409, undefined, true)

    const approvedBefore = await req.payload.count({
      collection: 'comments',
      where: { authorEmail: { equals: input.authorEmail }, status: { equals: 'approved' } },
      overrideAccess: true,
      req,
    })
    const verdict = verdictFor({
      body: input.body,
      honeypot: Boolean(input.website?.trim()),
      moderation: (article.discussion?.moderation ?? 'post') as Moderation,
      knownCommenter: approvedBefore.totalDocs > 0,
      suspectWords: settings.suspectWords,
      bannedWords: settings.bannedWords,
    })
    return {
      article: input.article,
      parent: placement.parent,
      depth: placement.depth,
      authorName: input.authorName,
      authorEmail: input.authorEmail,
      body: input.body,
      status: verdict.status,
      heldFor: verdict.reason ?? null,
      ipHash,
      reportCount: 0,
      approvedBy: null,
    }
  }
}

/** Before any write of a comment: its article's row is locked first (src/comments/store.ts explains the order). */
export const lockCommentedArticle: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const articles = [idOf(data.article), idOf(originalDoc?.article)].filter((id): id is number => id !== undefined)
  const locked = await lockArticles(req, articles)
  // The article (and with it the comment) was deleted while this write waited for it.
  if (articles.some((id) => !locked.includes(id))) throw new NotFound(req.t)
  return data
}

/** Before a comment is deleted: its article's row, likewise. */
export const lockArticleBeforeDelete: CollectionBeforeDeleteHook = ({ id, req }) => lockArticleOfComment(req, Number(id))

/** Moderators' changes: who approved, and edits by anyone but a moderator go back to the queue. */
export const trackModeration: CollectionBeforeChangeHook = ({ data, operation, originalDoc, req }) => {
  if (operation === 'create') {
    return data.status === 'approved' ? { ...data, approvedBy: req.user?.id ?? null, depth: data.depth ?? 1 } : { ...data, depth: data.depth ?? 1 }
  }
  const changes = { ...data }
  if (data.body !== undefined && data.body !== originalDoc?.body && !hasRole(req, 'moderator')) {
    changes.status = 'pending'
    changes.heldFor = 'edited'
  }
  if (changes.status === 'approved' && originalDoc?.status !== 'approved') changes.approvedBy = req.user?.id ?? null
  return changes
}

/** After any change to a comment: the counts it can move, counted afresh (a save writes back what it read). */
export const refreshCountsAfterChange: CollectionAfterChangeHook = async ({ doc, operation, previousDoc, req }) => {
  await refreshCommentCounts(req, [idOf(doc.article), idOf(previousDoc?.article)].filter((id): id is number => id !== undefined))
  if (operation === 'update') await refreshReportCount(req, Number(doc.id))
  return doc
}

export const refreshCountsAfterDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const article = idOf(doc.article)
  if (article !== undefined) await refreshCommentCounts(req, [article])
}

/** A deleted comment with replies leaves a "[removed]" placeholder, so the replies keep their place in the thread. */
export const keepRepliesInPlace: CollectionBeforeDeleteHook = async ({ id, req }) => {
  const replies = await req.payload.count({ collection: 'comments', where: { parent: { equals: id } }, overrideAccess: true, req })
  if (replies.totalDocs === 0) return
  const comment = await req.payload.findByID({ collection: 'comments', id, depth: 0, overrideAccess: true, req })
  const placeholder = await req.payload.create({
    collection: 'comments',
    data: {
      article: idOf(comment.article)!,
      parent: idOf(comment.parent) ?? null,
      depth: comment.depth ?? 1,
      authorName: '[removed]',
      authorEmail: 'removed@invalid.invalid',
      body: '[removed]',
      status: 'approved',
    },
    overrideAccess: true,
    req,
  })
  await moveReplies(req, Number(id), placeholder.id)
}
