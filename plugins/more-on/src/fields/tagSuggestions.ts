import type { Field } from 'payload'

import type { Instance } from '../instance.js'

/** The package path of the suggestions, as Payload's import map resolves it from node_modules. */
const SUGGESTIONS_COMPONENT = 'payload-plugin-more-on/client#TagSuggestions'

/**
 * The story's fields with the tag suggestions placed right after the tag field (in the same row, tab or sidebar),
 * as a field with no data of its own.
 */
export function withTagSuggestions(fields: Field[], instance: Instance, suggestions: { fields: string[] }): Field[] {
  const tagField = instance.options.tagField
  return fields.flatMap((field): Field[] => {
    if ('name' in field && field.name === tagField) {
      const suggestionsField: Field = {
        name: `${tagField}Suggestions`,
        type: 'ui',
        admin: {
          ...(field.admin && 'position' in field.admin && { position: field.admin.position }),
          components: {
            Field: { path: SUGGESTIONS_COMPONENT, clientProps: { tagField, fields: suggestions.fields } },
          },
        },
      }
      return [field, suggestionsField]
    }
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field)
      return [{ ...field, fields: withTagSuggestions(field.fields, instance, suggestions) }]
    if (field.type === 'tabs') {
      return [
        {
          ...field,
          tabs: field.tabs.map((tab) =>
            'name' in tab ? tab : { ...tab, fields: withTagSuggestions(tab.fields, instance, suggestions) },
          ),
        },
      ]
    }
    return [field]
  })
}
