import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
} from 'payload'
import { NotFound } from 'payload'

import { idOf, type CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

const articlesOf = (...values: unknown[]) => values.map(idOf).filter((id): id is number => id !== undefined)

/** Before any write of a comment: its document's row is locked first (`lockCommented` in db.ts explains the order). */
export function lockCommentedBeforeChange({ store }: CommentsSetup): CollectionBeforeChangeHook {
  return async ({ data, originalDoc, req }) => {
    const articles = articlesOf(data.article, originalDoc?.article)
    const locked = await store.lockCommented(req, articles)
    // The document (and with it the comment) was deleted while this write waited for it.
    if (articles.some((id) => !locked.includes(id))) throw new NotFound(req.t)
    return data
  }
}

/** Before a comment is deleted: its document's row, likewise. */
export function lockCommentedBeforeDelete({ store }: CommentsSetup): CollectionBeforeDeleteHook {
  return ({ id, req }) => store.lockCommentedOf(req, Number(id))
}

/** Moderators' changes: who approved, and edits by anyone the options do not trust go back to the queue. */
export function trackModeration({ options }: CommentsSetup): CollectionBeforeChangeHook {
  return ({ data, operation, originalDoc, req }) => {
    const approver = { approvedBy: req.user?.id ?? null }
    if (operation === 'create') return { ...data, ...(data.status === 'approved' && approver), depth: data.depth ?? 1 }
    const changes = { ...data }
    if (data.body !== undefined && data.body !== originalDoc?.body && !options.editsKeepApproval(req)) {
      changes.status = 'pending'
      changes.heldFor = 'edited'
    }
    if (changes.status === 'approved' && originalDoc?.status !== 'approved') Object.assign(changes, approver)
    return changes
  }
}

const isPublic = (comment: { status?: unknown } | undefined) => comment?.status === 'approved'

/**
 * After any change to a comment: the counts it can move, counted afresh (a save writes back what it read); and, when
 * the public saw or now sees it, the thread reported changed.
 */
export function refreshCountsAfterChange({ store, options }: CommentsSetup): CollectionAfterChangeHook {
  return async ({ doc, operation, previousDoc, req }) => {
    const documents = articlesOf(doc.article, previousDoc?.article)
    await store.refreshCommentCounts(req, documents)
    if (operation === 'update') await store.refreshReportCount(req, Number(doc.id))
    if (isPublic(doc) || isPublic(previousDoc)) await options.onPublicThreadChanged?.(documents, req)
    return doc
  }
}

export function refreshCountsAfterDelete({ store, options }: CommentsSetup): CollectionAfterDeleteHook {
  return async ({ doc, req }) => {
    const documents = articlesOf(doc.article)
    await store.refreshCommentCounts(req, documents)
    if (isPublic(doc)) await options.onPublicThreadChanged?.(documents, req)
  }
}

/** A deleted comment with replies leaves a "[removed]" placeholder, so the replies keep their place in the thread. */
export function keepRepliesInPlace({ store }: CommentsSetup): CollectionBeforeDeleteHook {
  return async ({ id, req }) => {
    const replies = await req.payload.count({
      collection: SLUGS.comments,
      where: { parent: { equals: id } },
      overrideAccess: true,
      req,
    })
    if (replies.totalDocs === 0) return
    const comment = await req.payload.findByID({ collection: SLUGS.comments, id, depth: 0, overrideAccess: true, req })
    const placeholder = await req.payload.create({
      collection: SLUGS.comments,
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
    await store.moveReplies(req, Number(id), placeholder.id)
  }
}
