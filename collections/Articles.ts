import type { Access, CollectionAfterChangeHook, CollectionBeforeChangeHook, CollectionBeforeOperationHook, CollectionConfig, Where } from 'payload'
import { ValidationError } from 'payload'
import { slateEditor } from '@payloadcms/richtext-slate'
import { plainTextField } from '../src/text/plain-text'

import { filterByReadableComments } from '../src/comments/article-filters'
import { threadEndpoint } from '../src/comments/endpoints'
import { deleteArticleComments, refreshCommentCounts } from '../src/comments/store'
import { derivedBodyFields } from '../src/richtext/body-fields'
import { isEditor, serverOwned } from './access'
import { ensureUniqueSlug, slugField } from './fields/slug'

/** What the public may read: published articles whose publish time has come. */
export const publiclyVisible = (): Where => ({
  and: [{ _status: { equals: 'published' } }, { publishedAt: { less_than_equal: new Date().toISOString() } }],
})

const readArticles: Access = ({ req }) => (req.user ? true : publiclyVisible())

/** Drafts are staff-only: a public `?draft=true` reads the published versions like any other public read. */
const publicReadsPublishedVersions: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !req.user && args.draft) return { ...args, draft: false }
  return args
}

const requireHeadline: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const title = typeof data.title === 'string' ? data.title.trim() : (originalDoc?.title as string | undefined)
  if (!title) {
    throw new ValidationError({ collection: 'articles', errors: [{ path: 'title', message: 'A headline is required' }] })
  }
  return data
}

/** The first publish stamps `publishedAt`; editors may change it afterwards (a future date schedules the article). */
const stampPublishedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data._status !== 'published' || data.publishedAt) return data
  return { ...data, publishedAt: originalDoc?.publishedAt ?? new Date().toISOString() }
}

/** A save writes back the `commentCount` it read when it began: counted again before it commits (src/comments/store.ts). */
const keepCommentCountTrue: CollectionAfterChangeHook = async ({ doc, operation, req }) => {
  if (operation !== 'update') return doc
  const counts = await refreshCommentCounts(req, [Number(doc.id)])
  return { ...doc, commentCount: counts.get(Number(doc.id)) ?? doc.commentCount }
}

export const Articles: CollectionConfig = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'section', '_status', 'publishedAt', 'commentCount'],
    listSearchableFields: ['title', 'standfirst', 'slug'],
    group: 'Newsroom',
  },
  defaultSort: '-publishedAt',
  versions: {
    drafts: { schedulePublish: true },
    maxPerDoc: 50,
  },
  access: {
    read: readArticles,
    readVersions: ({ req }) => Boolean(req.user),
    create: isEditor,
    update: isEditor,
    delete: isEditor,
  },
  endpoints: [threadEndpoint],
  hooks: {
    beforeOperation: [publicReadsPublishedVersions, filterByReadableComments],
    beforeDelete: [({ id, req }) => deleteArticleComments(req, Number(id))],
    beforeChange: [requireHeadline, ensureUniqueSlug({ from: 'title', noun: 'article', suffixGenerated: true }), stampPublishedAt],
    afterChange: [keepCommentCountTrue],
  },
  fields: [
    { name: 'kicker', type: 'text', maxLength: 60, admin: { description: 'Optional label above the headline, e.g. "Analysis".' } },
    { name: 'title', type: 'text', label: 'Headline', required: true, maxLength: 200, hooks: { beforeValidate: [plainTextField] } },
    { name: 'standfirst', type: 'textarea', required: true, maxLength: 600, admin: { description: 'The summary under the headline. Required to publish.' } },
    slugField({ from: 'title' }),
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      admin: { position: 'sidebar', date: { pickerAppearance: 'dayAndTime' }, description: 'Set on first publish. A future time keeps the article hidden until then.' },
    },
    { name: 'section', type: 'relationship', relationTo: 'sections', required: true, index: true, admin: { position: 'sidebar' } },
    {
      name: 'tags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      admin: { position: 'sidebar', isSortable: true, description: 'In order of importance: the first is the primary tag. Drag to reorder.' },
    },
    { name: 'authors', type: 'relationship', relationTo: 'authors', hasMany: true, admin: { position: 'sidebar', isSortable: true } },
    {
      name: 'dateline',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'place', type: 'text', maxLength: 80 },
            { name: 'date', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
          ],
        },
      ],
    },
    { name: 'featuredImage', type: 'upload', relationTo: 'media' },
    {
      type: 'row',
      fields: [
        { name: 'featuredImageCaption', type: 'text', maxLength: 500, admin: { description: "Overrides the picture's caption here." } },
        { name: 'featuredImageCredit', type: 'text', maxLength: 200, admin: { description: "Overrides the picture's credit here." } },
      ],
    },
    {
      name: 'body',
      type: 'richText',
      editor: slateEditor({
        admin: {
          elements: ['h2', 'h3', 'blockquote', 'ul', 'ol', 'link', 'upload', 'relationship'],
          leaves: ['bold', 'italic', 'underline', 'strikethrough', 'code'],
        },
      }),
    },
    ...derivedBodyFields,
    // Payload adds `_status` to drafts-enabled collections and merges this into it: the list shows "Scheduled" too.
    { name: '_status', type: 'select', label: 'Status', options: [], admin: { components: { Cell: '/admin/ArticleStatusCell#ArticleStatusCell' } } },
    {
      name: 'corrections',
      type: 'array',
      labels: { singular: 'Correction', plural: 'Corrections' },
      fields: [
        { name: 'date', type: 'date', required: true },
        { name: 'text', type: 'textarea', required: true, maxLength: 1000 },
      ],
    },
    {
      name: 'discussion',
      type: 'group',
      admin: { description: 'Reader comments on this article.' },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'status', type: 'select', required: true, defaultValue: 'open', options: ['open', 'closed'] },
            {
              name: 'moderation',
              type: 'select',
              required: true,
              defaultValue: 'post',
              options: [
                { label: 'Pre-moderated (every comment waits)', value: 'pre' },
                { label: 'Post-moderated (published unless held)', value: 'post' },
              ],
            },
            { name: 'autoCloseDays', type: 'number', min: 0, max: 3650, defaultValue: 14, admin: { description: 'Days after publishing; 0 never closes.' } },
          ],
        },
      ],
    },
    {
      name: 'comments',
      type: 'join',
      collection: 'comments',
      on: 'article',
      defaultLimit: 10,
      defaultSort: '-createdAt',
      admin: { allowCreate: false, description: 'Reader comments on this article.' },
    },
    {
      name: 'commentCount',
      type: 'number',
      defaultValue: 0,
      access: { create: serverOwned, update: serverOwned },
      admin: { readOnly: true, position: 'sidebar', description: 'Approved comments.' },
    },
  ],
}
