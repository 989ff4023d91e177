import type { CollectionConfig } from 'payload'
import { plainTextField } from '../plugins/shared/plainText'

import { editorialAccess } from './access'
import { ensureUniqueSlug, slugField } from './fields/slug'

export const Sections: CollectionConfig = {
  slug: 'sections',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'description'],
    group: 'Newsroom',
    enableRichTextRelationship: false,
  },
  access: editorialAccess,
  hooks: { beforeChange: [ensureUniqueSlug({ from: 'name', noun: 'section' })] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 80, hooks: { beforeValidate: [plainTextField] } },
    slugField({ from: 'name' }),
    { name: 'description', type: 'textarea', maxLength: 500 },
  ],
}
