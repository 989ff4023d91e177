import type { GlobalConfig } from 'payload'

import type { CommentsSetup } from '../setup'
import { SLUGS } from '../slugs'

/** Site-wide comment rules. Each commented document can still close or pre-moderate its own discussion. */
export const commentSettingsGlobal = ({ options }: CommentsSetup): GlobalConfig => ({
  slug: SLUGS.settings,
  label: 'Comment settings',
  admin: { group: 'Community' },
  access: { read: ({ req }) => options.canModerate(req), update: ({ req }) => options.canConfigure(req) },
  fields: [
    {
      name: 'suspectWords',
      type: 'textarea',
      defaultValue: 'casino, viagra, crypto giveaway, loan offer',
      admin: {
        description: 'Words or phrases, separated by commas or lines: a comment containing one waits for a moderator.',
      },
    },
    {
      name: 'bannedWords',
      type: 'textarea',
      defaultValue: 'buy followers, free money',
      admin: {
        description: 'Words or phrases, separated by commas or lines: a comment containing one is rejected as spam.',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'perMinute',
          type: 'number',
          required: true,
          defaultValue: 5,
          min: 1,
          admin: { description: 'Comments a minute, per address and per email.' },
        },
        {
          name: 'perHour',
          type: 'number',
          required: true,
          defaultValue: 30,
          min: 1,
          admin: { description: 'Comments an hour, per address and per email.' },
        },
        {
          name: 'reportsToHold',
          type: 'number',
          required: true,
          defaultValue: 3,
          min: 1,
          admin: { description: 'Reports that send an approved comment back to the queue.' },
        },
      ],
    },
  ],
})
