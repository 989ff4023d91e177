import type { Field } from 'payload'

/** Other names of a tag ("Ruto" for "William Ruto"): tag suggestions match them as they match the name. */
export const aliasesField = (name: string): Field => ({
  name,
  type: 'text',
  hasMany: true,
  maxRows: 50,
  maxLength: 200,
  admin: {
    description:
      'Other names of this tag, as stories write them (a surname, an abbreviation): suggested when one is in a story.',
  },
})
