import type { Field, FieldHook, Where } from 'payload'

import { loadCards } from '../cards'
import type { Lists } from '../lists'
import { LIST_MODES, type ResolvedMoreOnOptions } from '../types'

/** The editors' controls, in a "More on" group in the sidebar. */
export function moreOnControls(options: ResolvedMoreOnOptions, hasDrafts: boolean, panel: string): Field {
  const otherStories = ({ id }: { id?: number | string }): Where => ({
    and: [...(id !== undefined ? [{ id: { not_equals: id } }] : []), ...(hasDrafts ? [{ _status: { equals: 'published' } }] : [])],
  })
  return {
    name: 'moreOn',
    type: 'group',
    label: 'More on',
    admin: { position: 'sidebar', description: 'The related stories shown under this one.' },
    fields: [
      { name: 'preview', type: 'ui', admin: { components: { Field: panel } } },
      {
        name: 'mode',
        type: 'select',
        required: true,
        defaultValue: 'auto',
        options: [
          { label: 'Automatic, after pins', value: LIST_MODES[0] },
          { label: 'Pinned stories only', value: LIST_MODES[1] },
          { label: 'Off', value: LIST_MODES[2] },
        ],
      },
      {
        name: 'pinned',
        type: 'relationship',
        relationTo: options.collection as never,
        hasMany: true,
        filterOptions: otherStories,
        admin: { isSortable: true, description: 'Shown first, in this order. Published stories only.' },
      },
      {
        name: 'excluded',
        type: 'relationship',
        relationTo: options.collection as never,
        hasMany: true,
        filterOptions: otherStories,
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

/** `relatedStories`: the story's "More on" cards on single-story reads at depth 1 or more, so one request brings both. */
export function relatedStoriesField(options: ResolvedMoreOnOptions, lists: Lists): Field {
  const resolve: FieldHook = async ({ data, depth, currentDepth, findMany, req }) => {
    // Reads only: a save's response is built inside its transaction, which a failed read here would abort.
    if (req.transactionID !== undefined || data?.id === undefined || (currentDepth ?? 0) > 1) return undefined
    if (!depth && req.payloadAPI !== 'GraphQL') return undefined
    // One story at a time (by id, or a list asked for one, as when fetching by slug): lists use the more-on endpoint.
    if (findMany && String(req.query?.limit) !== '1') return undefined
    return loadCards(req, options, lists.namesFor(req.payload), Number(data.id), options.listLength)
  }
  return {
    name: 'relatedStories',
    type: 'json',
    virtual: true,
    access: { create: () => false, update: () => false },
    admin: { hidden: true },
    hooks: { afterRead: [resolve] },
  }
}
