import type {
  Access,
  CollectionBeforeChangeHook,
  CollectionBeforeOperationHook,
  CollectionConfig,
  Where,
} from 'payload'
import { ValidationError } from 'payload'
import { slateEditor } from '@payloadcms/richtext-slate'

import { plainTextField } from '../plugins/shared/plainText'
import { isEditor } from './access'
import { derivedBodyFields } from './fields/bodyFields'
import { ensureUniqueSlug, slugField } from './fields/slug'

/** What the public may read: published articles whose publish time has come. */
const publiclyVisible = (): Where => ({
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
    throw new ValidationError({
      collection: 'articles',
      errors: [{ path: 'title', message: 'A headline is required' }],
    })
  }
  return data
}

/** The first publish stamps `publishedAt`; editors may change it afterwards (a future date schedules the article). */
const stampPublishedAt: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  if (data._status !== 'published' || data.publishedAt) return data
  return { ...data, publishedAt: originalDoc?.publishedAt ?? new Date().toISOString() }
}

export const Articles: CollectionConfig = {
  slug: 'articles',
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'section', '_status', 'publishedAt'],
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
  hooks: {
    beforeOperation: [publicReadsPublishedVersions],
    beforeChange: [
      requireHeadline,
      ensureUniqueSlug({ from: 'title', noun: 'article', suffixGenerated: true }),
      stampPublishedAt,
    ],
  },
  fields: [
    {
      name: 'kicker',
      type: 'text',
      maxLength: 60,
      admin: { description: 'Optional label above the headline, e.g. "Analysis".' },
    },
    {
      name: 'title',
      type: 'text',
      label: 'Headline',
      required: true,
      maxLength: 200,
      hooks: { beforeValidate: [plainTextField] },
    },
    {
      name: 'standfirst',
      type: 'textarea',
      required: true,
      maxLength: 600,
      admin: { description: 'The summary under the headline. Required to publish.' },
    },
    slugField({ from: 'title' }),
    {
      name: 'publishedAt',
      type: 'date',
      index: true,
      admin: {
        position: 'sidebar',
        date: { pickerAppearance: 'dayAndTime' },
        description: 'Set on first publish. A future time keeps the article hidden until then.',
      },
    },
    {
      name: 'section',
      type: 'relationship',
      relationTo: 'sections',
      required: true,
      index: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'tags',
      type: 'relationship',
      relationTo: 'tags',
      hasMany: true,
      admin: {
        position: 'sidebar',
        isSortable: true,
        description: 'In order of importance: the first is the primary tag. Drag to reorder.',
      },
    },
    {
      name: 'authors',
      type: 'relationship',
      relationTo: 'authors',
      hasMany: true,
      admin: { position: 'sidebar', isSortable: true },
    },
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
        {
          name: 'featuredImageCaption',
          type: 'text',
          maxLength: 500,
          admin: { description: "Overrides the picture's caption here." },
        },
        {
          name: 'featuredImageCredit',
          type: 'text',
          maxLength: 200,
          admin: { description: "Overrides the picture's credit here." },
        },
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
    {
      name: '_status',
      type: 'select',
      label: 'Status',
      options: [],
      admin: { components: { Cell: '/collections/components/ArticleStatusCell#ArticleStatusCell' } },
    },
    {
      name: 'corrections',
      type: 'array',
      labels: { singular: 'Correction', plural: 'Corrections' },
      fields: [
        { name: 'date', type: 'date', required: true },
        { name: 'text', type: 'textarea', required: true, maxLength: 1000 },
      ],
    },
  ],
}
