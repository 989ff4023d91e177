import type { Access, CollectionConfig } from 'payload'

import { REPORT_REASONS } from '../rules'
import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

/** Readers' reports on comments, one per comment and address. Written only by the report endpoint. */
export function commentReportsCollection({ options }: CommentsSetup): CollectionConfig {
  const moderators: Access = ({ req }) => options.canModerate(req)
  return {
    slug: SLUGS.reports,
    admin: {
      group: 'Community',
      defaultColumns: ['comment', 'reason', 'createdAt'],
      enableRichTextRelationship: false,
    },
    access: { read: moderators, create: () => false, update: () => false, delete: moderators },
    indexes: [{ fields: ['comment', 'ipHash'], unique: true }],
    fields: [
      { name: 'comment', type: 'relationship', relationTo: SLUGS.comments, index: true },
      { name: 'reason', type: 'select', required: true, options: [...REPORT_REASONS] },
      { name: 'ipHash', type: 'text', required: true },
    ],
  }
}
