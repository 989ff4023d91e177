import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook, CollectionSlug } from 'payload'
import { APIError, NotFound, ValidationError } from 'payload'

import { parseReaderComment, type ReaderComment } from '../input'
import { commentSettings, enforceRateLimit, readerAddressHash } from '../readerLimits'
import { isOpenForComments, placeReply, verdictFor, type Discussion, type Moderation } from '../rules'
import { idOf, type CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

const DUPLICATE_WINDOW_MS = 10 * 60_000
const READER_INPUT = 'readerComment'

type CommentedDocument = Record<string, unknown> & {
  discussion?: (Discussion & { moderation?: Moderation | null }) | null
}

/**
 * Readers (REST, GraphQL or the Local API without access override) may send only what the form has; the rest is
 * dropped here, before Payload sees it, and bad input is a 400 naming the field.
 */
export function acceptReaderInput({ options }: CommentsSetup): CollectionBeforeOperationHook {
  return ({ args, operation, req }) => {
    if (operation !== 'create' || args.overrideAccess === true || options.canModerate(req)) return args
    const input = parseReaderComment(args.data)
    req.context[READER_INPUT] = input
    const { website: _honeypot, ...data } = input
    return { ...args, data: { ...data, parent: data.parent ?? undefined } }
  }
}

/** The moderation rules for a reader's new comment; every server-owned field is set here, whatever was sent. */
export function applyReaderRules(setup: CommentsSetup): CollectionBeforeChangeHook {
  const { commented, options } = setup
  return async ({ data, operation, req }) => {
    const input = req.context[READER_INPUT] as ReaderComment | undefined
    if (operation !== 'create' || !input) return data
    delete req.context[READER_INPUT]

    const { docs: articles } = await req.payload.find({
      collection: commented as CollectionSlug,
      where: { id: { equals: input.article } },
      depth: 0,
      limit: 1,
      overrideAccess: false,
      user: null,
      req,
    })
    const article = articles[0] as unknown as CommentedDocument | undefined
    if (!article) throw new NotFound(req.t)
    if (
      !isOpenForComments(article.discussion, article[options.publishedAtField] as string | null | undefined, Date.now())
    ) {
      throw new APIError('Comments are closed for this article', 403, undefined, true)
    }

    let placement: { parent: number | null; depth: number } = { parent: null, depth: 1 }
    if (input.parent) {
      const { docs } = await req.payload.find({
        collection: SLUGS.comments,
        where: { id: { equals: input.parent }, article: { equals: input.article }, status: { equals: 'approved' } },
        depth: 0,
        limit: 1,
        overrideAccess: true,
        req,
      })
      const parent = docs[0]
      if (!parent) {
        throw new ValidationError({
          collection: SLUGS.comments,
          errors: [{ path: 'parent', message: 'parent must be a published comment on the same article' }],
        })
      }
      placement = placeReply({ id: parent.id, depth: parent.depth ?? 1, parent: idOf(parent.parent) ?? null })
    }

    const settings = await commentSettings(req)
    const ipHash = readerAddressHash(req, setup)
    await enforceRateLimit(req, setup, [`comment:ip:${ipHash}`, `comment:email:${input.authorEmail}`], settings)

    const duplicates = await req.payload.count({
      collection: SLUGS.comments,
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
      collection: SLUGS.comments,
      where: { authorEmail: { equals: input.authorEmail }, status: { equals: 'approved' } },
      overrideAccess: true,
      req,
    })
    const verdict = verdictFor({
      body: input.body,
      honeypot: Boolean(input.website?.trim()),
      moderation: article.discussion?.moderation ?? 'post',
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
