import type { Access, CollectionConfig, CollectionSlug, FieldAccess } from 'payload'

import { selectOptions } from '../../shared/capitalize'
import { eraseEndpoint, exportEndpoint } from '../endpoints/readerData'
import { reportEndpoint } from '../endpoints/report'
import {
  keepRepliesInPlace,
  lockCommentedBeforeChange,
  lockCommentedBeforeDelete,
  refreshCountsAfterChange,
  refreshCountsAfterDelete,
  trackModeration,
} from '../hooks/comments'
import { acceptReaderInput, applyReaderRules } from '../hooks/readerComment'
import { COMMENT_STATUSES } from '../rules'
import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'
import { prefixWhere } from '../where'

const serverOwned: FieldAccess = () => false

/**
 * Reader comments. Readers post without an account (REST, GraphQL); the moderation rules give each comment its state.
 * Staff see everything; the public sees approved comments only, never an email, an address hash or a report.
 */
export function commentsCollection(setup: CommentsSetup): CollectionConfig {
  const { options, commented } = setup
  const moderators: Access & FieldAccess = ({ req }) => options.canModerate(req)
  const staffOnly = { read: moderators, create: serverOwned, update: serverOwned }
  // The public: approved comments of the documents it may read, as the commented collection's own read access says.
  const readable: Access = async ({ req }) => {
    if (options.canReadHeld(req)) return true
    const documents = await req.payload.collections[commented as CollectionSlug]!.config.access.read({ req })
    if (documents === false) return false
    const approved = { status: { equals: 'approved' } }
    return documents === true ? approved : { and: [approved, prefixWhere(documents, 'article')] }
  }
  return {
    slug: SLUGS.comments,
    admin: {
      useAsTitle: 'authorName',
      defaultColumns: ['excerpt', 'authorName', 'article', 'status', 'reportCount', 'createdAt'],
      listSearchableFields: ['body', 'authorName'],
      group: 'Community',
      enableRichTextRelationship: false,
      description:
        'Opens on the queue (pending, oldest first). Approve, reject or mark spam with one click, ' +
        'or select several and use the buttons above the table.',
      components: { beforeListTable: [setup.component('CommentBulkActions')] },
    },
    defaultSort: 'createdAt',
    access: {
      read: readable,
      create: () => true,
      update: moderators,
      delete: moderators,
    },
    hooks: {
      beforeOperation: [acceptReaderInput(setup)],
      beforeChange: [lockCommentedBeforeChange(setup), applyReaderRules(setup), trackModeration(setup)],
      afterChange: [refreshCountsAfterChange(setup)],
      beforeDelete: [lockCommentedBeforeDelete(setup), keepRepliesInPlace(setup)],
      afterDelete: [refreshCountsAfterDelete(setup)],
    },
    endpoints: [reportEndpoint(setup), exportEndpoint(setup), eraseEndpoint(setup)],
    fields: [
      { name: 'article', type: 'relationship', relationTo: commented as CollectionSlug, required: true, index: true },
      { name: 'parent', type: 'relationship', relationTo: SLUGS.comments, index: true },
      {
        name: 'depth',
        type: 'number',
        min: 1,
        max: 3,
        defaultValue: 1,
        access: { create: moderators, update: serverOwned },
        admin: { readOnly: true, position: 'sidebar' },
      },
      { name: 'authorName', type: 'text', required: true, maxLength: 80 },
      // Text, not Payload's email type, so that GraphQL passes a bad address to the same check and message as REST.
      {
        name: 'authorEmail',
        type: 'text',
        required: true,
        index: true,
        access: { read: moderators },
        validate: (value: unknown) =>
          (typeof value === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) ||
          'authorEmail must be a valid email address',
      },
      { name: 'body', type: 'textarea', required: true, maxLength: 3000 },
      {
        name: 'excerpt',
        type: 'text',
        virtual: true,
        access: { create: serverOwned, update: serverOwned },
        // A list column for the moderation queue; never shown in the edit form.
        admin: { readOnly: true, condition: () => false },
        hooks: {
          afterRead: [
            ({ siblingData }) => (typeof siblingData?.body === 'string' ? siblingData.body.slice(0, 80) : undefined),
          ],
        },
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
        options: selectOptions(COMMENT_STATUSES),
        access: { create: moderators, update: moderators },
        admin: { position: 'sidebar', components: { Cell: setup.component('CommentStatusCell') } },
      },
      {
        name: 'heldFor',
        type: 'text',
        access: staffOnly,
        admin: { readOnly: true, position: 'sidebar', description: 'Why the rules held or rejected it.' },
      },
      { name: 'ipHash', type: 'text', index: true, access: staffOnly, admin: { readOnly: true, position: 'sidebar' } },
      {
        name: 'reportCount',
        type: 'number',
        label: 'Reports',
        defaultValue: 0,
        access: staffOnly,
        admin: { readOnly: true, position: 'sidebar' },
      },
      {
        name: 'approvedBy',
        type: 'relationship',
        relationTo: setup.users as CollectionSlug,
        access: staffOnly,
        admin: { readOnly: true, position: 'sidebar' },
      },
    ],
  }
}
