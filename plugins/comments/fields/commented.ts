import type { Field } from 'payload'

import { SLUGS } from '../slugs'

const serverOwned = () => false

/**
 * What the commented collection gains: its discussion's settings, the join to its comments, and the count of its
 * approved comments (written by the plugin only). `noun` names one of its documents ("article").
 */
export function commentedFields(noun: string): Field[] {
  return [
    {
      name: 'discussion',
      type: 'group',
      admin: { description: `Reader comments on this ${noun}.` },
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
            {
              name: 'autoCloseDays',
              type: 'number',
              min: 0,
              max: 3650,
              defaultValue: 14,
              admin: { description: 'Days after publishing; 0 never closes.' },
            },
          ],
        },
      ],
    },
    {
      name: 'comments',
      type: 'join',
      collection: SLUGS.comments,
      on: 'article',
      defaultLimit: 10,
      defaultSort: '-createdAt',
      admin: { allowCreate: false, description: `Reader comments on this ${noun}.` },
    },
    {
      name: 'commentCount',
      type: 'number',
      defaultValue: 0,
      access: { create: serverOwned, update: serverOwned },
      admin: { readOnly: true, position: 'sidebar', description: 'Approved comments.' },
    },
  ]
}
