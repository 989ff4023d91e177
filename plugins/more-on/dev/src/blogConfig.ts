/**
 * A recipe blog, the more-on plugin's proof app: nothing like a newsroom. Posts have a `title`, a `publishedOn` date
 * and drafts, and are tagged by `topics` (titled by `title`, typed by a select `type`, no slug field); videos are
 * tagged by the same topics and linked by a second instance of the plugin.
 */
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { postgresAdapter } from '@payloadcms/db-postgres'
import { buildConfig, type SanitizedConfig } from 'payload'
import { moreOn, type MoreOnOptions } from 'payload-plugin-more-on'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export type BlogOptions = {
  databaseURI: string
  idType?: 'serial' | 'uuid'
  /** Options for the posts' instance of the plugin, over the blog's own. */
  moreOn?: MoreOnOptions
}

export function buildBlogConfig({
  databaseURI,
  idType = 'serial',
  moreOn: postsOptions,
}: BlogOptions): Promise<SanitizedConfig> {
  const readable = { read: () => true }
  return buildConfig({
    secret: 'more-on-dev-secret-not-for-production',
    admin: { user: 'users', importMap: { baseDir: dirname } },
    collections: [
      { slug: 'users', auth: true, fields: [] },
      {
        slug: 'topics',
        admin: { useAsTitle: 'title', defaultColumns: ['title', 'type'] },
        access: readable,
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'type', type: 'select', options: ['ingredient', 'cuisine', 'technique', 'season'] },
        ],
      },
      {
        slug: 'posts',
        admin: { useAsTitle: 'title' },
        access: readable,
        versions: { drafts: true },
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'publishedOn', type: 'date' },
          { name: 'serves', type: 'number' },
          { name: 'topics', type: 'relationship', relationTo: 'topics', hasMany: true },
        ],
      },
      {
        slug: 'videos',
        admin: { useAsTitle: 'title' },
        access: readable,
        fields: [
          { name: 'title', type: 'text', required: true },
          { name: 'publishedAt', type: 'date' },
          { name: 'topics', type: 'relationship', relationTo: 'topics', hasMany: true },
        ],
      },
    ],
    db: postgresAdapter({ pool: { connectionString: databaseURI }, idType }),
    plugins: [
      moreOn({
        collection: 'posts',
        tagField: 'topics',
        tagCollection: 'topics',
        kindField: 'type',
        kindWeights: { ingredient: 1.5, cuisine: 1, technique: 1, season: 0.5 },
        publishedAtField: 'publishedOn',
        recommendationsSlug: 'related-posts',
        threshold: 0.5,
        ...postsOptions,
      }),
      moreOn({
        collection: 'videos',
        tagField: 'topics',
        tagCollection: 'topics',
        kindField: 'type',
        recommendationsSlug: 'related-videos',
        tagCountField: 'publishedVideos',
        threshold: 0.5,
      }),
    ],
    typescript: { autoGenerate: false, outputFile: path.resolve(dirname, 'payload-types.ts') },
    telemetry: false,
  })
}
