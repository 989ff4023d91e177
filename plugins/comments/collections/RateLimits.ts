import type { CollectionConfig } from 'payload'

import { SLUGS } from '../slugs'

const nobody = () => false

/** Counters of the comment rate limits, shared by every app instance. Written only by `countHits` in db.ts. */
export const rateLimitsCollection = (): CollectionConfig => ({
  slug: SLUGS.rateLimits,
  admin: { hidden: true },
  access: { read: nobody, create: nobody, update: nobody, delete: nobody },
  graphQL: false,
  indexes: [{ fields: ['key', 'windowStart'], unique: true }],
  fields: [
    { name: 'key', type: 'text', required: true },
    { name: 'windowStart', type: 'date', required: true },
    { name: 'count', type: 'number', required: true, defaultValue: 0 },
    { name: 'expiresAt', type: 'date', required: true, index: true },
  ],
})
