import type { CollectionConfig } from 'payload'

import { selectOptions } from '../plugins/shared/capitalize'
import { plainTextField } from '../plugins/shared/plainText'
import { editorialAccess } from './access'
import { ensureUniqueSlug, slugField } from './fields/slug'

const TAG_KINDS = ['person', 'place', 'organisation', 'event', 'topic'] as const

export const Tags: CollectionConfig = {
  slug: 'tags',
  admin: { useAsTitle: 'name', defaultColumns: ['name', 'kind'], group: 'Newsroom', enableRichTextRelationship: false },
  access: editorialAccess,
  hooks: { beforeChange: [ensureUniqueSlug({ from: 'name', noun: 'tag' })] },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 120,
      hooks: { beforeValidate: [plainTextField] },
      admin: { components: { afterInput: ['/collections/components/TagNameCheck#TagNameCheck'] } },
    },
    slugField({ from: 'name' }),
    {
      name: 'kind',
      type: 'select',
      required: true,
      defaultValue: 'topic',
      options: selectOptions(TAG_KINDS),
      admin: { position: 'sidebar' },
    },
    { name: 'description', type: 'textarea', maxLength: 1000 },
  ],
}
