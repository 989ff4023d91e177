import type { CollectionConfig } from 'payload'
import { plainTextField } from '../plugins/shared/plainText'

import { editorialAccess } from './access'
import { ensureUniqueSlug, slugField } from './fields/slug'

export const Authors: CollectionConfig = {
  slug: 'authors',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'role', 'slug'],
    group: 'Newsroom',
    enableRichTextRelationship: false,
  },
  access: editorialAccess,
  hooks: { beforeChange: [ensureUniqueSlug({ from: 'name', noun: 'author' })] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120, hooks: { beforeValidate: [plainTextField] } },
    slugField({ from: 'name' }),
    {
      name: 'role',
      type: 'text',
      maxLength: 120,
      admin: { description: 'As shown in the byline, e.g. "Diplomatic correspondent".' },
    },
    { name: 'bio', type: 'textarea', maxLength: 2000 },
    { name: 'photo', type: 'upload', relationTo: 'media' },
  ],
}
