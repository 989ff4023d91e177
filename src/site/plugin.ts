import type { CollectionConfig, Config, GlobalConfig } from 'payload'

import { freshnessCollection } from './freshness/collection'
import { articleChanged, siteChanged, taxonomyChanged } from './freshness/hooks'
import { livePreview } from './preview/livePreview'

const TAXONOMY = new Set(['sections', 'tags', 'authors', 'media'])

const withHooks = (collection: CollectionConfig, hook: typeof articleChanged): CollectionConfig => ({
  ...collection,
  hooks: {
    ...collection.hooks,
    afterChange: [...(collection.hooks?.afterChange ?? []), hook],
    afterDelete: [...(collection.hooks?.afterDelete ?? []), hook],
  },
})

/**
 * The reader site's part of the config: the freshness table its page cache reads, the hooks that bump it on every
 * change a page can show, and Live Preview on the articles. (The comment threads and the "More on" lists report
 * their changes through those plugins' options: see newsroomConfig.ts.)
 */
export const readerSite =
  () =>
  (config: Config): Config => ({
    ...config,
    collections: [
      ...(config.collections ?? []).map((collection) =>
        collection.slug === 'articles'
          ? withHooks({ ...collection, admin: { ...collection.admin, livePreview } }, articleChanged)
          : TAXONOMY.has(collection.slug)
            ? withHooks(collection, taxonomyChanged)
            : collection,
      ),
      freshnessCollection,
    ],
    globals: (config.globals ?? []).map((global): GlobalConfig =>
      global.slug === 'site'
        ? { ...global, hooks: { ...global.hooks, afterChange: [...(global.hooks?.afterChange ?? []), siteChanged] } }
        : global,
    ),
  })
