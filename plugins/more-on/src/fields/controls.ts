import type { Field } from 'payload'

import { otherLiveStories } from '../hooks/stories.js'
import type { Instance } from '../instance.js'
import { LIST_MODES } from '../types.js'

/** The package path of the admin panel, as Payload's import map resolves it from node_modules. */
const PANEL_COMPONENT = 'payload-plugin-more-on/client#MoreOnPanel'

/** The editors' controls, in a "More on" group in the sidebar. */
export function moreOnControls(instance: Instance): Field {
  const stories = instance.slugs.stories as never
  const filterOptions = otherLiveStories(instance)
  return {
    name: 'moreOn',
    type: 'group',
    label: 'More on',
    admin: { position: 'sidebar', description: 'The related stories shown under this one.' },
    fields: [
      { name: 'preview', type: 'ui', admin: { components: { Field: PANEL_COMPONENT } } },
      {
        name: 'mode',
        type: 'select',
        // Not `required`: Payload's GraphQL would then require the whole group in every update mutation. Empty is auto.
        defaultValue: 'auto',
        hooks: { beforeValidate: [({ value }) => value ?? 'auto'] },
        options: [
          { label: 'Automatic, after pins', value: LIST_MODES[0] },
          { label: 'Pinned stories only', value: LIST_MODES[1] },
          { label: 'Off', value: LIST_MODES[2] },
        ],
      },
      {
        name: 'pinned',
        type: 'relationship',
        relationTo: stories,
        hasMany: true,
        filterOptions,
        admin: { isSortable: true, description: 'Shown first, in this order. Published stories only.' },
      },
      {
        name: 'excluded',
        type: 'relationship',
        relationTo: stories,
        hasMany: true,
        filterOptions,
        admin: { description: 'Never shown under this story.' },
      },
      {
        name: 'neverAutoLink',
        type: 'checkbox',
        defaultValue: false,
        label: 'Never in automatic lists',
        admin: { description: 'e.g. corrections and obituaries: this story can still be pinned.' },
      },
    ],
  }
}
