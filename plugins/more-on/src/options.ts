import type { PayloadRequest } from 'payload'
import { z } from 'zod'

import type { ID } from './types.js'

const slug = z.string().regex(/^[a-z][a-zA-Z0-9_-]*$/, 'must be a collection or field name such as "articles"')
const fieldName = z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/, 'must be a field name such as "publishedCount"')

/** The more-on plugin's options. Every option has a default; `moreOn()` with no options links `articles` by `tags`. */
export const moreOnOptionsSchema = z
  .object({
    /**
     * Turn the plugin off without removing it: no hooks, endpoints or queries. Its collections and fields stay, so the
     * schema (and the next migration) does not change, and the stored links and editors' pins are kept. Default true.
     */
    enabled: z.boolean().default(true),
    /** The collection whose documents are linked to each other. Default `articles`. */
    collection: slug.default('articles'),
    /** The hasMany relationship field on that collection that holds its tags. Default `tags`. */
    tagField: slug.default('tags'),
    /** The collection the tag field points to. Default `tags`. */
    tagCollection: slug.default('tags'),
    /**
     * The select field on the tag collection that says what a tag is; `false` when tags have no kinds. Default `kind`.
     */
    kindField: z.union([slug, z.literal(false)]).default('kind'),
    /** Weight of a shared tag by its kind. Kinds not listed weigh `defaultKindWeight`. */
    kindWeights: z
      .record(z.string(), z.number().min(0, 'must be 0 or more'))
      .default({ person: 1.5, event: 1.5, organisation: 1.25, place: 1, topic: 0.75 }),
    /** Weight of a tag whose kind is not in `kindWeights`, or of every tag when there are no kinds. Default 1. */
    defaultKindWeight: z.number().min(0, 'must be 0 or more').default(1),
    /**
     * The date field that orders stories in time. Default `publishedAt`. A published story without one is placed at
     * its creation time (and the save logs a warning).
     */
    publishedAtField: slug.default('publishedAt'),
    /** How many stories a list holds, pins included. Default 6. */
    listLength: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be from 1 to 50')
      .max(50, 'must be from 1 to 50')
      .default(6),
    /** Links scoring below this are not shown: fewer links rather than irrelevant ones. Default 2. */
    threshold: z.number().min(0, 'must be 0 or more').default(2),
    /**
     * Lists with fewer links than this are filled up to it with fallback links: the best candidates that share a tag
     * but score below the threshold (on a story whose only tag is a common one, the stories nearest to it in time on
     * that tag). They always come after the scored links and are marked `origin: 'fallback'`. At most `listLength`;
     * 0 switches fallback links off. Default 3.
     */
    fallbackUpTo: z
      .number()
      .int('must be a whole number')
      .min(0, 'must be from 0 to 50')
      .max(50, 'must be from 0 to 50')
      .default(3),
    /** Days over which a link's score halves, counted between the two stories' publish dates. Default 30. */
    halfLifeDays: z.number().positive('must be more than 0').default(30),
    /** For each tag, only this many stories nearest in time are considered as candidates. Default 50. */
    candidatesPerTag: z.number().int('must be a whole number').min(1, 'must be 1 or more').default(50),
    /** Slug of the collection that stores the links; it also names the plugin's other collections and its job. */
    recommendationsSlug: slug.default('recommendations'),
    /**
     * Fields of each linked story on a REST card (Payload `select`). Default: the collection's title field (its
     * `admin.useAsTitle`), its date field, and `slug` when it has one. Fields it does not have are left out. GraphQL
     * cards offer every field of the collection.
     */
    cardSelect: z.record(z.string(), z.literal(true)).optional(),
    /** Fields of documents a REST card's relationships point to (Payload `populate`, by collection). Default none. */
    cardPopulate: z.record(z.string(), z.record(z.string(), z.literal(true))).default({}),
    /** Name of the read-only field on tags that counts their live stories. Default `publishedCount`. */
    tagCountField: fieldName.default('publishedCount'),
    /**
     * The tag collection's field that `GET /api/<tags>/:slug/<stories>` looks tags up by; `false` (or a tag collection
     * without it) looks them up by id. Default `slug`.
     */
    tagSlugField: z.union([slug, z.literal(false)]).default('slug'),
    /** The GraphQL query, or `false` for none. Default query name: `MoreOn` + the collection's GraphQL type name. */
    graphQL: z
      .union(
        [
          z.literal(false),
          z
            .object({
              queryName: z
                .string()
                .regex(/^[A-Za-z_][A-Za-z0-9_]*$/)
                .optional(),
            })
            .strict(),
        ],
        {
          error: 'must be false, or { queryName } with a GraphQL name',
        },
      )
      .default({}),
    /**
     * Tag suggestions for editors: while a story is edited, the tags whose name or an alias occurs in its text, each
     * added with one click; also `POST /api/<collection>/tag-suggestions`. `false` for none. Default on, with:
     * - `aliasesField`: the text field (hasMany) the plugin adds to the tags for other names of a tag. Default
     *   `aliases`.
     * - `fields`: the story's fields whose text is read. Default: its title field and every top-level textarea and
     *   rich text field that editors write (not hidden, not read-only).
     * - `limit`: suggestions shown at most. Default 8.
     */
    suggestions: z
      .union(
        [
          z.literal(false),
          z
            .object({
              aliasesField: fieldName.default('aliases'),
              fields: z.array(fieldName).min(1, 'must name at least one field').optional(),
              limit: z
                .number()
                .int('must be a whole number')
                .min(1, 'must be from 1 to 50')
                .max(50, 'must be from 1 to 50')
                .default(8),
            })
            .strict(),
        ],
        { error: 'must be false, or { aliasesField, fields, limit }' },
      )
      .prefault({}),
    /** Who may run a full rebuild through `POST /api/<recommendationsSlug>/rebuild`. Default: any logged-in user. */
    canRebuild: z
      .custom<(req: PayloadRequest) => boolean | Promise<boolean>>(
        (value) => typeof value === 'function',
        'must be a function',
      )
      .default(() => (req: PayloadRequest) => Boolean(req.user)),
    /**
     * Called with every story whose stored list changed (what it shows, or in what order), after the change is
     * committed: the saved story's own list and every older story's list that a new follow-up entered or a change
     * left. For a front end's cache or a CDN purge. Also called after a queued job and after each batch of a rebuild.
     * It runs once per transaction, with the request that made the change (or a local one for a rebuild); what it
     * throws is logged. Default none.
     */
    onListsChanged: z
      .custom<(sourceIds: ID[], req: PayloadRequest) => void | Promise<void>>(
        (value) => typeof value === 'function',
        'must be a function',
      )
      .optional(),
    /** Jobs queue for queued work: retries, scheduled stories going live, rarities that moved. Default `default`. */
    queue: z.string().min(1).default('default'),
    /**
     * Run that queue with Payload's `jobs.autoRun` (every minute, 10 jobs at a time, in servers that stay up), unless
     * the config already runs it. `false` when you run the queue yourself. Default true.
     */
    autoRun: z
      .union(
        [
          z.boolean(),
          z.object({ cron: z.string().min(1).optional(), limit: z.number().int().min(1).optional() }).strict(),
        ],
        {
          error: 'must be true, false, or { cron, limit }',
        },
      )
      .default(true),
  })
  .strict()

export type MoreOnOptions = z.input<typeof moreOnOptionsSchema>
export type ResolvedMoreOnOptions = z.output<typeof moreOnOptionsSchema>

export function parseMoreOnOptions(options: unknown): ResolvedMoreOnOptions {
  const result = moreOnOptionsSchema.safeParse(options ?? {})
  if (result.success) return result.data
  const problems = result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `unknown option ${issue.keys.map((key) => `"${[...issue.path, key].join('.')}"`).join(', ')}`
      : `option "${issue.path.join('.')}" ${issue.message}`,
  )
  throw new Error(`more-on: ${problems.join('; ')}`)
}
