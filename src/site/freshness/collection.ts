import type { CollectionConfig } from 'payload'

const nobody = () => false

export const FRESHNESS_SLUG = 'site-freshness'

/**
 * One version per thing a cached page can show (an article, the listings, the taxonomy, the site's settings), bumped
 * by every change to it: the shared half of the reader site's page cache (cache.ts), so every app instance sees every
 * change. Written only by db.ts; closed to every API.
 */
export const freshnessCollection: CollectionConfig = {
  slug: FRESHNESS_SLUG,
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  fields: [
    { name: 'key', type: 'text', required: true, unique: true },
    { name: 'version', type: 'number', required: true, defaultValue: 0 },
  ],
}
