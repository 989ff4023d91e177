import type { CollectionConfig } from 'payload'

import { hasRole, isModerator, moderatorFieldOnly, serverOwned } from './access'

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const

/** Reader comments. Staff see everything; the public sees approved comments only, without private fields. */
export const Comments: CollectionConfig = {
  slug: 'comments',
  admin: {
    useAsTitle: 'authorName',
    defaultColumns: ['authorName', 'article', 'status', 'createdAt'],
    group: 'Community',
    enableRichTextRelationship: false,
  },
  access: {
    read: ({ req }) => hasRole(req, 'admin', 'editor', 'moderator') || { status: { equals: 'approved' } },
    create: isModerator,
    update: isModerator,
    delete: isModerator,
  },
  fields: [
    { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
    { name: 'parent', type: 'relationship', relationTo: 'comments', index: true },
    { name: 'authorName', type: 'text', required: true, maxLength: 80 },
    {
      name: 'authorEmail',
      type: 'email',
      required: true,
      access: { read: moderatorFieldOnly },
    },
    { name: 'body', type: 'textarea', required: true, maxLength: 3000 },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'pending',
      index: true,
      options: COMMENT_STATUSES.map((status) => ({ label: status[0]!.toUpperCase() + status.slice(1), value: status })),
      access: { read: moderatorFieldOnly },
      admin: { position: 'sidebar' },
    },
    { name: 'ipHash', type: 'text', access: { read: moderatorFieldOnly, create: serverOwned, update: serverOwned }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'reportCount', type: 'number', defaultValue: 0, access: { read: moderatorFieldOnly, create: serverOwned, update: serverOwned }, admin: { readOnly: true, position: 'sidebar' } },
    { name: 'approvedBy', type: 'relationship', relationTo: 'users', access: { read: moderatorFieldOnly, create: serverOwned, update: serverOwned }, admin: { readOnly: true, position: 'sidebar' } },
  ],
}
