import { ValidationError } from 'payload'
import { z } from 'zod'

import { serialId } from '../shared/serialId'
import { plainText } from '../shared/plainText'
import { SLUGS } from './slugs'

/** What a reader may send when posting. Anything else (status, counters, ip, ...) is dropped, never stored. */
const readerCommentSchema = z.object({
  article: serialId('article', 'an article'),
  parent: serialId('parent', 'a comment', { optional: true }),
  authorName: z
    .string({ message: 'authorName is required' })
    .transform(plainText)
    .pipe(z.string().min(1, 'authorName is required').max(80, 'authorName must be at most 80 characters')),
  authorEmail: z
    .string({ message: 'authorEmail is required' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ message: 'authorEmail must be a valid email address' })),
  body: z
    .string({ message: 'body is required' })
    .transform(plainText)
    .pipe(z.string().min(1, 'body is required').max(3000, 'body must be at most 3000 characters')),
  website: z.string().optional(),
})

export type ReaderComment = z.output<typeof readerCommentSchema>

/** Parses a reader's comment; a bad field is a 400 that names it, and nothing is stored. */
export function parseReaderComment(data: unknown): ReaderComment {
  const result = readerCommentSchema.safeParse(data ?? {})
  if (result.success) return result.data
  throw new ValidationError({
    collection: SLUGS.comments,
    errors: result.error.issues.map((issue) => ({ path: String(issue.path[0] ?? 'body'), message: issue.message })),
  })
}
