/** Hooks on the commented collection. */
import {
  APIError,
  type CollectionAfterChangeHook,
  type CollectionBeforeDeleteHook,
  type CollectionBeforeOperationHook,
  type PayloadRequest,
  type Where,
} from 'payload'

import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

/** Comments one filter may match for a reader; a broader filter on comments is refused rather than run. */
const MAX_MATCHED_COMMENTS = 1_000

/**
 * A reader filtering articles by their comments (`where[comments][equals]=12`, `where[comments.body][like]=x`,
 * `where[comments][exists]=true`) filters by the comments they may read: approved ones. Payload would match held
 * comments too, telling the public which comment ids exist and which stories have comments held. Each condition on
 * `comments` becomes `id in (articles with such an approved comment)`, the comments read with the reader's access.
 */
export function filterByReadableComments({ options }: CommentsSetup): CollectionBeforeOperationHook {
  return async ({ args, operation, req }) => {
    if ((operation !== 'read' && operation !== 'count') || options.canReadHeld(req)) return args
    const where = (args as { where?: Where }).where
    if (!where || !JSON.stringify(where).includes('"comments')) return args
    return { ...args, where: await rewrite(where, req) }
  }
}

async function rewrite(where: Where, req: PayloadRequest): Promise<Where> {
  const rewritten: Where[] = []
  for (const [key, value] of Object.entries(where)) {
    if ((key === 'and' || key === 'or') && Array.isArray(value)) {
      rewritten.push({ [key]: await Promise.all((value as Where[]).map((branch) => rewrite(branch, req))) })
    } else if ((key === 'comments' || key.startsWith('comments.')) && value && typeof value === 'object') {
      const path = key === 'comments' ? 'id' : key.slice('comments.'.length)
      for (const [operator, operand] of Object.entries(value)) {
        if (path === 'id' && operator === 'exists') {
          const withComments = await articlesWithReadableComments(req, {})
          const wanted = operand === true || operand === 'true'
          rewritten.push({ id: { [wanted ? 'in' : 'not_in']: withComments } })
        } else {
          rewritten.push({ id: { in: await articlesWithReadableComments(req, { [path]: { [operator]: operand } }) } })
        }
      }
    } else {
      rewritten.push({ [key]: value } as Where)
    }
  }
  return rewritten.length === 1 ? rewritten[0]! : { and: rewritten }
}

async function articlesWithReadableComments(req: PayloadRequest, where: Where): Promise<number[]> {
  const { docs, totalDocs } = await req.payload.find({
    collection: SLUGS.comments,
    where,
    select: { article: true },
    depth: 0,
    limit: MAX_MATCHED_COMMENTS,
    overrideAccess: false,
    req,
  })
  if (totalDocs > MAX_MATCHED_COMMENTS) {
    throw new APIError(
      `where[comments] matches more than ${MAX_MATCHED_COMMENTS} comments: filter on fewer`,
      400,
      undefined,
      true,
    )
  }
  // An empty list matches nothing; Payload needs one value it cannot match.
  const ids = [...new Set(docs.map((doc) => Number(typeof doc.article === 'object' ? doc.article?.id : doc.article)))]
  return ids.length > 0 ? ids : [0]
}

/** A document's comments (and their reports) go before the document itself. */
export function deleteCommentsFirst({ store }: CommentsSetup): CollectionBeforeDeleteHook {
  return ({ id, req }) => store.deleteCommentsOf(req, Number(id))
}

/** A save writes back the comment count it read when it began: counted again before it commits (db.ts explains). */
export function keepCommentCountTrue({ store }: CommentsSetup): CollectionAfterChangeHook {
  return async ({ doc, operation, req }) => {
    if (operation !== 'update') return doc
    const counts = await store.refreshCommentCounts(req, [Number(doc.id)])
    return { ...doc, commentCount: counts.get(Number(doc.id)) ?? doc.commentCount }
  }
}
