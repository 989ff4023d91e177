import type { GlobalConfig } from 'payload'

import { plainTextField } from '../plugins/shared/plainText'
import { anyone, isEditor } from './access'

/** The publication itself: its name ("More on <name>"), what it is, and its logo, for every page and its metadata. */
export const Site: GlobalConfig = {
  slug: 'site',
  label: 'Site',
  admin: { group: 'Newsroom' },
  access: { read: anyone, update: isEditor },
  fields: [
    {
      name: 'name',
      type: 'text',
      required: true,
      maxLength: 80,
      defaultValue: 'The Newsroom',
      hooks: { beforeValidate: [plainTextField] },
      admin: { description: 'Shown in the masthead, in "More on <name>" and in every page title.' },
    },
    {
      name: 'description',
      type: 'textarea',
      maxLength: 300,
      defaultValue: 'News, analysis and comment.',
      admin: { description: "The front page's meta description, and the feeds'." },
    },
    { name: 'logo', type: 'upload', relationTo: 'media' },
  ],
}
