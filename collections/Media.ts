import path from 'node:path'
import type { CollectionConfig } from 'payload'

import { editorialAccess } from './access'

/** Local upload storage, ./media under the project unless MEDIA_DIR says otherwise (tests use a temporary folder). */
const mediaDirectory = () => path.resolve(process.env.MEDIA_DIR || 'media')

export const Media: CollectionConfig = {
  slug: 'media',
  admin: { useAsTitle: 'alt', defaultColumns: ['filename', 'alt', 'credit'], group: 'Newsroom' },
  access: editorialAccess,
  upload: {
    staticDir: mediaDirectory(),
    mimeTypes: ['image/*'],
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 300,
      admin: { description: 'What the picture shows, for readers who cannot see it.' },
    },
    { name: 'caption', type: 'textarea', maxLength: 500 },
    { name: 'credit', type: 'text', maxLength: 200, admin: { description: 'e.g. "Jane Roe/Agency" or "FILE".' } },
  ],
}
