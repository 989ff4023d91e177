import type { PayloadRequest } from 'payload'
import { z } from 'zod'

export type RequestCheck = (req: PayloadRequest) => boolean

const requestCheck = z.custom<RequestCheck>((value) => typeof value === 'function', 'must be a function of the request')

/** The comments plugin's options. Every option has a default; `comments()` with no options comments on `articles`. */
export const commentsOptionsSchema = z
  .object({
    /**
     * The collection readers comment on. It gains a `discussion` group (open or closed, pre- or post-moderated,
     * auto-close), a `comments` join, a read-only `commentCount` and `GET /api/<collection>/:id/comments`. Its read
     * access decides which of its comments the public reads. Default `articles`.
     */
    collection: z
      .string()
      .regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a collection slug such as "articles"')
      .default('articles'),
    /** The commented collection's date field the auto-close counts from. Default `publishedAt`. */
    publishedAtField: z
      .string()
      .regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a field name such as "publishedAt"')
      .default('publishedAt'),
    /**
     * Who moderates: approves, rejects, edits and deletes comments, reads their private fields (email, address
     * hash, reports) and posts without the readers' rules. Default: any logged-in user.
     */
    canModerate: requestCheck.default(() => (req: PayloadRequest) => Boolean(req.user)),
    /** Who reads held comments (pending, rejected, spam) besides the moderators. Default: the moderators. */
    canReadHeld: requestCheck.optional(),
    /**
     * Whose edits to a comment's text keep it published; anyone else's edit sends it back to the queue. Default: the
     * moderators.
     */
    editsKeepApproval: requestCheck.optional(),
    /**
     * Who may export or erase every comment by an email (`/api/comments/by-email`, `/api/comments/erase`). Default: the
     * moderators.
     */
    canManageReaderData: requestCheck.optional(),
    /** Who edits the site-wide comment settings (banned and suspect words, rate limits). Default: the moderators. */
    canConfigure: requestCheck.optional(),
    /**
     * The reader's network address, for the rate limits and the reports (only its keyed hash is stored). Give one the
     * client cannot choose. Default: `'unknown'` for every reader, so the limits per address are shared by all.
     */
    readerAddress: z
      .custom<(req: PayloadRequest) => string>(
        (value) => typeof value === 'function',
        'must be a function of the request',
      )
      .default(() => () => 'unknown'),
    /**
     * Called inside the transaction of every change a public reader of a thread would see (a comment approved, or
     * changed, unapproved or deleted while approved) with the commented documents whose public thread it changes:
     * for a front end's page cache. Default none.
     */
    onPublicThreadChanged: z
      .custom<(documentIds: number[], req: PayloadRequest) => void | Promise<void>>(
        (value) => typeof value === 'function',
        'must be a function',
      )
      .optional(),
  })
  .strict()

export type CommentsOptions = z.input<typeof commentsOptionsSchema>

export type ResolvedCommentsOptions = Required<Omit<z.output<typeof commentsOptionsSchema>, 'onPublicThreadChanged'>> &
  Pick<z.output<typeof commentsOptionsSchema>, 'onPublicThreadChanged'>

/** Checks the options; bad ones throw one error naming each. */
export function parseCommentsOptions(input: unknown): ResolvedCommentsOptions {
  const result = commentsOptionsSchema.safeParse(input ?? {})
  if (!result.success) {
    const problems = result.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown option ${issue.keys.map((key) => `"${[...issue.path, key].join('.')}"`).join(', ')}`
        : `option "${issue.path.join('.')}" ${issue.message}`,
    )
    throw new Error(`comments: ${problems.join('; ')}`)
  }
  const { canModerate } = result.data
  return {
    ...result.data,
    canReadHeld: result.data.canReadHeld ?? canModerate,
    editsKeepApproval: result.data.editsKeepApproval ?? canModerate,
    canManageReaderData: result.data.canManageReaderData ?? canModerate,
    canConfigure: result.data.canConfigure ?? canModerate,
  }
}
