import type { CollectionConfig } from 'payload'

import { isModerator, nobody } from './access'

export const REPORT_REASONS = ['spam', 'abuse', 'off-topic', 'other'] as const

/** Readers' reports on comments, one per comment and address. Written only by the report endpoint. */
export const CommentReports: CollectionConfig = {
  slug: 'comment-reports',
  admin: { group: 'Community', defaultColumns: ['comment', 'reason', 'createdAt'], enableRichTextRelationship: false },
  access: { read: isModerator, create: nobody, update: nobody, delete: isModerator },
  indexes: [{ fields: ['comment', 'ipHash'], unique: true }],
  fields: [
    { name: 'comment', type: 'relationship', relationTo: 'comments', index: true },
    { name: 'reason', type: 'select', required: true, options: [...REPORT_REASONS] },
    { name: 'ipHash', type: 'text', required: true },
  ],
}
