import type { PayloadRequest } from 'payload'

import { z } from 'zod'

export const LIST_MODES = ['auto', 'pinned-only', 'off'] as const
export type ListMode = (typeof LIST_MODES)[number]
export const ORIGINS = ['auto', 'pinned'] as const
export type Origin = (typeof ORIGINS)[number]

const slug = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a collection or field name such as "articles"')

/** The more-on plugin's options. Every option has a default; `moreOn()` with no options links `articles` by `tags`. */
export const moreOnOptionsSchema = z
  .object({
    /** Turn the plugin off without removing it: no fields, hooks or endpoints are added. Default true. */
    enabled: z.boolean().default(true),
    /** The collection whose documents are linked to each other. Default `articles`. */
    collection: slug.default('articles'),
    /** The hasMany relationship field on that collection that holds its tags. Default `tags`. */
    tagField: slug.default('tags'),
    /** The collection the tag field points to. Default `tags`. */
    tagCollection: slug.default('tags'),
    /** The select field on the tag collection that says what a tag is; `false` when tags have no kinds. Default `kind`. */
    kindField: z.union([slug, z.literal(false)]).default('kind'),
    /** Weight of a shared tag by its kind. Kinds not listed weigh `defaultKindWeight`. */
    kindWeights: z
      .record(z.string(), z.number().min(0, 'must be 0 or more'))
      .default({ person: 1.5, event: 1.5, organisation: 1.25, place: 1, topic: 0.75 }),
    /** Weight of a tag whose kind is not in `kindWeights`, or of every tag when there are no kinds. Default 1. */
    defaultKindWeight: z.number().min(0, 'must be 0 or more').default(1),
    /** The date field that orders stories in time. Default `publishedAt`. */
    publishedAtField: slug.default('publishedAt'),
    /** How many stories a list holds, pins included. Default 6. */
    listLength: z.number().int('must be a whole number').min(1, 'must be from 1 to 50').max(50, 'must be from 1 to 50').default(6),
    /** Links scoring below this are not shown: fewer links rather than irrelevant ones. Default 2. */
    threshold: z.number().min(0, 'must be 0 or more').default(2),
    /** Days over which a link's score halves, counted between the two stories' publish dates. Default 30. */
    halfLifeDays: z.number().positive('must be more than 0').default(30),
    /** For each tag, only this many stories nearest in time are considered as candidates. Default 50. */
    candidatesPerTag: z.number().int('must be a whole number').min(1, 'must be 1 or more').default(50),
    /** Slug of the collection that stores the links. Default `recommendations`. */
    recommendationsSlug: slug.default('recommendations'),
    /** Fields of each linked story shown on a card (Payload `select`). Missing fields are left out. */
    cardSelect: z
      .record(z.string(), z.literal(true))
      .default({ slug: true, title: true, standfirst: true, section: true, publishedAt: true, featuredImage: true }),
    /** Fields of documents a card's relationships point to (Payload `populate`, by collection). */
    cardPopulate: z.record(z.string(), z.record(z.string(), z.literal(true))).default({
      sections: { name: true, slug: true },
      media: { url: true, filename: true, alt: true, caption: true, credit: true, width: true, height: true },
    }),
    /** Who may run a full rebuild through `POST /api/<recommendationsSlug>/rebuild`. Default: any logged-in user. */
    canRebuild: z
      .custom<(req: PayloadRequest) => boolean | Promise<boolean>>((value) => typeof value === 'function', 'must be a function')
      .default(() => (req: PayloadRequest) => Boolean(req.user)),
    /** Jobs queue used to retry recomputes that failed and to link scheduled stories when they go live. Default `default`. */
    queue: z.string().min(1).default('default'),
  })
  .strict()

export type MoreOnOptions = z.input<typeof moreOnOptionsSchema>
export type ResolvedMoreOnOptions = z.output<typeof moreOnOptionsSchema>

export function parseMoreOnOptions(options: unknown): ResolvedMoreOnOptions {
  const result = moreOnOptionsSchema.safeParse(options ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown option ${issue.keys.map((key) => `"${key}"`).join(', ')}`
      : `option "${issue.path.join('.')}" ${issue.message}`,
  )
  throw new Error(`more-on: ${problems.join('; ')}`)
}

export type ID = number

/** What the plugin's hooks keep in `req.context` for one request. */
export type MoreOnContext = {
  /** Set while the plugin recomputes, so nothing it triggers runs it again. */
  recomputing?: boolean
  /** The stories the operation under way has created, changed or deleted so far, applied once it is done. */
  pendingStories?: ID[]
  /** The tags the operation under way changed the kind of, and the stories of the tags it deleted. */
  pendingTags?: { rescored: ID[]; untagged: ID[] }
}
