import type { CollectionConfig } from 'payload'

import { plainTextField } from '../src/text/plain-text'
import { editorialAccess } from './access'
import { ensureUniqueSlug, slugField } from './fields/slug'

export const TAG_KINDS = ['person', 'place', 'organisation', 'event', 'topic'] as const

export const Tags: CollectionConfig = {
  slug: 'tags',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind'], group: 'Newsroom', enableRichTextRelationship: false },
  access: editorialAccess,
  hooks: { beforeChange: [ensureUniqueSlug({ from: 'name', noun: 'tag' })] },
  fields: [
    { name: 'name', type: 'text', required: true, maxLength: 120, hooks: { beforeValidate: [plainTextField] }, admin: { components: { afterInput: ['/admin/TagNameCheck#TagNameCheck'] } } },
    slugField({ from: 'name' }),
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'topic',
      options: TAG_KINDS.map((kind) => ({ label: kind[0]!.toUpperCase() + kind.slice(1), value: kind })),
      admin: { position: 'sidebar' },
    },
    { name: 'description', type: 'textarea', maxLength: 1000 },
  ],
}
