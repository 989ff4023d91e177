import { APIError, type PayloadRequest } from 'payload'

import { hashAddress } from './readerAddress'
import { parseWordList } from './rules'
import type { CommentsSetup } from './setup'
import { SLUGS } from './slugs'

export type CommentSettings = Awaited<ReturnType<typeof commentSettings>>

/** The site-wide rules moderators set in the comment-settings global, with their defaults. */
export async function commentSettings(req: PayloadRequest) {
  const settings = await req.payload.findGlobal({ slug: SLUGS.settings, req, overrideAccess: true, depth: 0 })
  return {
    suspectWords: parseWordList(settings.suspectWords),
    bannedWords: parseWordList(settings.bannedWords),
    perMinute: settings.perMinute ?? 5,
    perHour: settings.perHour ?? 30,
    reportsToHold: settings.reportsToHold ?? 3,
  }
}

/** The reader's hashed address (never the address itself). */
export const readerAddressHash = (req: PayloadRequest, setup: CommentsSetup) =>
  hashAddress(setup.secret, setup.options.readerAddress(req))

/** Throws a 429 with Retry-After when the reader is over a limit. */
export async function enforceRateLimit(
  req: PayloadRequest,
  setup: CommentsSetup,
  keys: string[],
  settings?: CommentSettings,
) {
  settings ??= await commentSettings(req)
  const verdict = await setup.store.countHits(req, keys, [
    { name: 'minute', seconds: 60, limit: settings.perMinute },
    { name: 'hour', seconds: 3600, limit: settings.perHour },
  ])
  if (!verdict.allowed) {
    req.responseHeaders = new Headers({ 'Retry-After': String(verdict.retryAfter) })
    const message = `Too many requests: try again in ${verdict.retryAfter} seconds`
    throw new APIError(message, 429, { retryAfter: verdict.retryAfter }, true)
  }
}
