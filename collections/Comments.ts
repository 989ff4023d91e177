import type { CollectionConfig, FieldAccess } from 'payload'

import { exportEndpoint, eraseEndpoint, reportEndpoint } from '../src/comments/endpoints'
import {
  acceptReaderInput,
  applyReaderRules,
  keepRepliesInPlace,
  lockArticleBeforeDelete,
  lockCommentedArticle,
  refreshCountsAfterChange,
  refreshCountsAfterDelete,
  trackModeration,
  type CommentOptions,
} from '../src/comments/hooks'
import { prefixWhere } from './where'
import { publiclyVisible } from './Articles'
import { anyone, hasRole, isModerator, moderatorFieldOnly, serverOwned } from './access'

export const COMMENT_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const

const staffOnly = { read: moderatorFieldOnly, create: serverOwned, update: serverOwned }
const moderatorsSet: FieldAccess = ({ req }) => hasRole(req, 'admin', 'moderator')

/**
 * Reader comments. Readers post without an account (REST, GraphQL); the moderation rules give each comment its state.
 * Staff see everything; the public sees approved comments only, never an email, an address hash or a report.
 */
export function commentsCollection(options: CommentOptions): CollectionConfig {
  return {
    slug: 'comments',
    admin: {
      useAsTitle: 'authorName',
      defaultColumns: ['excerpt', 'authorName', 'article', 'status', 'reportCount', 'createdAt'],
      listSearchableFields: ['body', 'authorName'],
      group: 'Community',
      enableRichTextRelationship: false,
      description: 'Opens on the queue (pending, oldest first). Approve, reject or mark spam with one click, or select several and use the buttons above the table.',
      components: { beforeListTable: ['/admin/CommentBulkActions#CommentBulkActions'] },
    },
    defaultSort: 'createdAt',
    access: {
      // The public: approved comments of articles it may read.
      read: ({ req }) =>
        hasRole(req, 'admin', 'editor', 'moderator') || {
          and: [{ status: { equals: 'approved' } }, prefixWhere(publiclyVisible(), 'article')],
        },
      create: anyone,
      update: isModerator,
      delete: isModerator,
    },
    hooks: {
      beforeOperation: [acceptReaderInput],
      beforeChange: [lockCommentedArticle, applyReaderRules(options), trackModeration],
      afterChange: [refreshCountsAfterChange],
      beforeDelete: [lockArticleBeforeDelete, keepRepliesInPlace],
      afterDelete: [refreshCountsAfterDelete],
    },
    endpoints: [reportEndpoint(options), exportEndpoint, eraseEndpoint],
    fields: [
      { name: 'article', type: 'relationship', relationTo: 'articles', required: true, index: true },
      { name: 'parent', type: 'relationship', relationTo: 'comments', index: true },
      { name: 'depth', type: 'number', min: 1, max: 3, defaultValue: 1, access: { create: moderatorsSet, update: serverOwned }, admin: { readOnly: true, position: 'sidebar' } },
      { name: 'authorName', type: 'text', required: true, maxLength: 80 },
      // Text, not Payload's email type, so that GraphQL passes a bad address to the same check and message as REST.
      {
        name: 'authorEmail',
        type: 'text',
        required: true,
        index: true,
        access: { read: moderatorFieldOnly },
        validate: (value: unknown) => (typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) || 'authorEmail must be a valid email address',
      },
      { name: 'body', type: 'textarea', required: true, maxLength: 3000 },
      {
        name: 'excerpt',
        type: 'text',
        virtual: true,
        access: { create: serverOwned, update: serverOwned },
        // A list column for the moderation queue; never shown in the edit form.
        admin: { readOnly: true, condition: () => false },
        hooks: { afterRead: [({ siblingData }) => (typeof siblingData?.body === 'string' ? siblingData.body.slice(0, 80) : undefined)] },
      },
      {
        name: 'website',
        type: 'text',
        virtual: true,
        access: { read: serverOwned, update: serverOwned },
        admin: { hidden: true, description: 'Honeypot: people never fill it in.' },
      },
      {
        name: 'status',
        type: 'select',
        // Not required, so GraphQL does not ask readers for it: the server always sets it.
        defaultValue: 'pending',
        index: true,
        options: COMMENT_STATUSES.map((status) => ({ label: status[0]!.toUpperCase() + status.slice(1), value: status })),
        access: { create: moderatorsSet, update: moderatorsSet },
        admin: { position: 'sidebar', components: { Cell: '/admin/CommentStatusCell#CommentStatusCell' } },
      },
      { name: 'heldFor', type: 'text', access: staffOnly, admin: { readOnly: true, position: 'sidebar', description: 'Why the rules held or rejected it.' } },
      { name: 'ipHash', type: 'text', index: true, access: staffOnly, admin: { readOnly: true, position: 'sidebar' } },
      { name: 'reportCount', type: 'number', label: 'Reports', defaultValue: 0, access: staffOnly, admin: { readOnly: true, position: 'sidebar' } },
      { name: 'approvedBy', type: 'relationship', relationTo: 'users', access: staffOnly, admin: { readOnly: true, position: 'sidebar' } },
    ],
  }
}
