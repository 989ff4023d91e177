import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { slateEditor } from '@payloadcms/richtext-slate'
import { buildConfig, type Config, type Payload, type SanitizedConfig } from 'payload'
import { moreOn, type MoreOnOptions } from 'payload-plugin-more-on'

import { Articles } from '../collections/Articles'
import { Authors } from '../collections/Authors'
import { Media } from '../collections/Media'
import { Sections } from '../collections/Sections'
import { Site } from '../collections/Site'
import { Tags } from '../collections/Tags'
import { Users } from '../collections/Users'
import { hasRole } from '../collections/access'
import { comments } from '../plugins/comments'
import { restrictDocumentLocks } from './access/documentLocks'
import { DEFAULT_POOL_SETTINGS, type PoolSettings } from './db/pool'
import { newsroomDatabase } from './db/postgresAdapter'
import { clientAddress } from './http/clientAddress'
import { LIMITS } from './http/limits'
import { runQueueEveryMinute } from './jobs/runQueue'
import { ensureAdminUser } from './seed/adminUser'
import { seedDemoNewsroom } from './seed/seedDemo'
import { listsChanged, threadsChanged } from './site/freshness/hooks'
import { readerSite } from './site/plugin'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export type NewsroomOptions = {
  databaseURI: string
  /** The connection pool and its timeouts (src/db/pool.ts); each setting defaults as documented there. */
  pool?: Partial<PoolSettings>
  secret: string
  serverURL?: string
  /** Seed the demo newsroom on first start against an empty database. */
  seedDemo: boolean
  /** Development convenience: create this admin when no user exists yet. */
  admin?: { email: string; password: string }
  /**
   * Run the jobs queue every minute in this process (the server): scheduled publishing, queued work. Tests run jobs
   * themselves. Default true.
   */
  runScheduledJobs?: boolean
  /** Behind a proxy of our own: read the reader's address from X-Forwarded-For. Default false. */
  trustProxy?: boolean
  /** Answer GraphQL introspection (`__schema`, `__type`). Default false; the environment turns it on in development. */
  graphQLIntrospection?: boolean
  /** Plugins added after the newsroom's own (comments and more-on). */
  plugins?: Config['plugins']
  /** Options for the more-on plugin, over the newsroom's own (`{ enabled: false }` runs without it). */
  moreOn?: MoreOnOptions
  /** Push the schema on start in development. Default true; false when migrations build the schema. */
  schemaPush?: boolean
}

export async function buildNewsroomConfig(options: NewsroomOptions): Promise<SanitizedConfig> {
  const config = await buildConfig({
    admin: {
      user: Users.slug,
      avatar: 'default',
      // Component paths start at the project's root: `/collections/components/…`, `/plugins/comments/admin/…`.
      importMap: { baseDir: path.resolve(dirname, '..') },
      meta: { titleSuffix: ' · Newsroom' },
    },
    // Payload's sanitising mutates the config it is given: hand it copies, so the config can be built more than once.
    collections: [Articles, Sections, Tags, Authors, Media, Users].map((collection) => ({
      ...collection,
      fields: [...collection.fields],
    })),
    globals: [{ ...Site, fields: [...Site.fields] }],
    editor: slateEditor({}),
    secret: options.secret,
    serverURL: options.serverURL,
    db: newsroomDatabase({
      uri: options.databaseURI,
      pool: { ...DEFAULT_POOL_SETTINGS, ...options.pool },
      migrationDir: path.resolve(dirname, 'migrations'),
      push: options.schemaPush,
    }),
    typescript: { outputFile: path.resolve(dirname, 'payload-types.ts') },
    // The route handlers refuse introspection unless `custom.graphQLIntrospection` (src/http/routes.ts); Payload's own
    // rule keys on NODE_ENV alone, so it is left off.
    graphQL: {
      disablePlaygroundInProduction: true,
      disableIntrospectionInProduction: false,
      maxComplexity: LIMITS.graphQLComplexity,
    },
    custom: { graphQLIntrospection: options.graphQLIntrospection ?? false },
    plugins: [
      comments({
        collection: 'articles',
        canModerate: (req) => hasRole(req, 'admin', 'moderator'),
        canReadHeld: (req) => hasRole(req, 'admin', 'editor', 'moderator'),
        // An admin's edit of a comment's text is moderated again, as anyone's but a moderator's.
        editsKeepApproval: (req) => hasRole(req, 'moderator'),
        canManageReaderData: (req) => hasRole(req, 'admin'),
        canConfigure: (req) => hasRole(req, 'admin'),
        readerAddress: (req) => clientAddress(req, options.trustProxy ?? false),
        // The reader site's cached article pages show the thread.
        onPublicThreadChanged: threadsChanged,
      }),
      moreOn({
        canRebuild: (req) => hasRole(req, 'admin'),
        // The card a news page shows: headline, standfirst, section label, time and picture.
        cardSelect: {
          slug: true,
          title: true,
          standfirst: true,
          section: true,
          publishedAt: true,
          featuredImage: true,
        },
        cardPopulate: {
          sections: { name: true, slug: true },
          media: { url: true, filename: true, alt: true, caption: true, credit: true, width: true, height: true },
        },
        // Tags suggested from the headline, the standfirst and the body.
        suggestions: { fields: ['title', 'standfirst', 'body'] },
        // The reader site's cached article pages show the block.
        onListsChanged: listsChanged,
        // The app runs the jobs queue itself, one instance at a time (src/jobs/runQueue.ts).
        autoRun: false,
        ...options.moreOn,
      }),
      readerSite(),
      ...(options.plugins ?? []),
    ],
    // Running, queuing and cancelling jobs over the API (`/api/payload-jobs/run`): admins only, not every login.
    jobs: {
      access: {
        run: ({ req }) => hasRole(req, 'admin'),
        queue: ({ req }) => hasRole(req, 'admin'),
        cancel: ({ req }) => hasRole(req, 'admin'),
      },
    },
    telemetry: false,
    onInit: async (payload: Payload) => {
      if (options.runScheduledJobs !== false) runQueueEveryMinute(payload, { queue: 'default', limit: 20 })
      if (options.admin) await ensureAdminUser(payload, options.admin)
      if (options.seedDemo) await seedDemoNewsroom(payload)
    },
  })
  return restrictDocumentLocks(config)
}
