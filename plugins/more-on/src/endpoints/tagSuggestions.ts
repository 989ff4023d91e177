import type { CollectionSlug, Endpoint, PayloadRequest } from 'payload'
import { z } from 'zod'

import { matchesByTag, phrasesIn, plainTextOf, rankMatches, suggestionValue } from '../core/phrases.js'
import { loadCounts } from '../db/counts.js'
import { findPhrases, phrasesMissing, rewriteAllPhrases } from '../db/phrases.js'
import { storeFor } from '../db/store.js'
import { loadKinds } from '../db/tags.js'
import type { Instance } from '../instance.js'
import type { ID, TagSuggestion } from '../types.js'

const MAX_TEXT = 200_000

const bodySchema = z
  .object({
    text: z.string().max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`).optional(),
    document: z.record(z.string(), z.unknown()).optional(),
    exclude: z
      .array(z.union([z.number(), z.string()]))
      .max(1000, 'must list at most 1000 tags')
      .default([]),
    limit: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be from 1 to 50')
      .max(50, 'must be from 1 to 50')
      .optional(),
  })
  .strict()
  .refine((body) => body.text !== undefined || body.document !== undefined, {
    message: 'give the text to read (text), or the story as edited (document)',
    path: ['text'],
  })

const refusal = (status: number, message: string, field?: string) =>
  Response.json({ errors: [{ message, ...(field && { field }) }] }, { status })

async function readBody(req: PayloadRequest): Promise<unknown> {
  try {
    return await req.json?.()
  } catch {
    return undefined
  }
}

/**
 * `POST /api/<collection>/tag-suggestions { text | document, exclude?, limit? }`, for editors: the existing tags whose
 * name or an alias occurs in the text (of `document`, the fields the plugin reads), rarest and most specific first.
 * Staff only; tags are read with the caller's access.
 */
export function tagSuggestionsEndpoint(instance: Instance): Endpoint {
  const suggestions = instance.suggestions
  return {
    path: '/tag-suggestions',
    method: 'post',
    handler: async (req) => {
      if (!req.user || !suggestions) return refusal(401, 'Log in to get tag suggestions.')
      const parsed = bodySchema.safeParse(await readBody(req))
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!
        const field = issue.path.join('.')
        return refusal(400, field ? `${field} ${issue.message}` : 'The body must be a JSON object.', field || undefined)
      }
      const { text = '', document = {}, exclude, limit = suggestions.limit } = parsed.data
      // Each field a paragraph of its own: a headline's last word and a standfirst's first never make one phrase.
      const written = [text, ...suggestions.fields.map((field) => plainTextOf(document[field]))].join('\n\n')
      if (written.length > MAX_TEXT) return refusal(400, `The text must be at most ${MAX_TEXT} characters.`, 'text')

      const store = await storeFor(req, instance)
      const counts = phrasesIn(written)
      const phrases = [...counts.keys()]
      let found = await findPhrases(store, phrases)
      // Nothing found may mean a phrase table never filled (tags made before the plugin): fill it, and look again.
      if (found.length === 0 && (await phrasesMissing(store))) {
        await rewriteAllPhrases(store)
        found = await findPhrases(store, phrases)
      }
      const excluded = new Set(exclude.map((id) => instance.toId(id)))
      const matched = matchesByTag(found, counts)
      for (const id of excluded) if (id !== undefined) matched.delete(id)
      if (matched.size === 0) return Response.json({ docs: [] })

      const ids = [...matched.keys()]
      const { options, tagTitleField, tagSlugField } = instance
      const readable = await req.payload.find({
        collection: instance.slugs.tags as CollectionSlug,
        where: { id: { in: ids } },
        pagination: false,
        depth: 0,
        overrideAccess: false,
        user: req.user,
        req,
      })
      const { df, published } = await loadCounts(store, ids)
      const kinds = await loadKinds(store, ids)
      const tags = new Map(
        readable.docs.map((doc) => [instance.toId(doc.id)!, doc as unknown as Record<string, unknown>]),
      )
      const ranked = rankMatches(
        [...matched].flatMap(([tag, { phrase, occurrences }]) => {
          const doc = tags.get(tag)
          if (!doc) return []
          const value = suggestionValue(df.get(tag) ?? 0, published, instance.kindWeight(kinds.get(tag)))
          return [{ tag, phrase, occurrences, value, label: String(doc[tagTitleField] ?? tag) }]
        }),
      ).slice(0, limit)
      const docs: TagSuggestion[] = ranked.map(({ tag, phrase, occurrences, label }) => {
        const doc = tags.get(tag)!
        return {
          id: tag as ID,
          label,
          ...(tagSlugField && typeof doc[tagSlugField] === 'string' && { slug: doc[tagSlugField] as string }),
          ...(options.kindField &&
            typeof doc[options.kindField] === 'string' && { kind: doc[options.kindField] as string }),
          matched: phrase,
          occurrences,
          publishedCount: df.get(tag) ?? 0,
        }
      })
      return Response.json({ docs })
    },
  }
}
