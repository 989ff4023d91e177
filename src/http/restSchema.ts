import type { FlattenedField, SanitizedConfig } from 'payload'

import type { CollectionShape, FieldNode, RestSchema, ValueKind } from './restRules'

/** Describes a sanitized config for the REST rules: each collection's id kind, fields and endpoint paths. */
export function restSchemaOf(config: SanitizedConfig): RestSchema {
  const serial = config.db.defaultIDType === 'number'
  const idKinds = new Map(
    config.collections.map((collection) => {
      const custom = collection.flattenedFields.find((field) => field.name === 'id')
      return [
        collection.slug,
        custom ? (custom.type === 'number' ? 'number' : 'text') : serial ? 'serialId' : 'text',
      ] as const
    }),
  )
  const collections = new Map<string, CollectionShape>()
  for (const collection of config.collections) {
    const endpoints = Array.isArray(collection.endpoints) ? collection.endpoints : []
    collections.set(collection.slug, {
      idKind: idKinds.get(collection.slug)!,
      fields: fieldsOf(collection.flattenedFields, idKinds),
      endpoints: endpoints.map((endpoint) => ({
        method: endpoint.method,
        segments: endpoint.path.split('/').filter(Boolean),
      })),
    })
  }
  return { collections, globals: new Set(config.globals.map((global) => global.slug)) }
}

type IdKinds = Map<string, ValueKind | 'number' | 'text'>

function fieldsOf(fields: FlattenedField[], idKinds: IdKinds): Map<string, FieldNode> {
  return new Map(fields.map((field) => [field.name, nodeOf(field, idKinds)]))
}

function nodeOf(field: FlattenedField, idKinds: IdKinds): FieldNode {
  switch (field.type) {
    case 'relationship':
    case 'upload': {
      // A relationship to several collections is queried through `value` and `relationTo`: left to Payload.
      if (Array.isArray(field.relationTo)) return { kind: 'other' }
      return {
        kind: idKinds.get(field.relationTo) === 'serialId' ? 'serialId' : 'other',
        hasMany: field.hasMany,
        target: field.relationTo,
      }
    }
    case 'join':
      return Array.isArray(field.collection)
        ? { kind: 'other' }
        : {
            kind: idKinds.get(field.collection) === 'serialId' ? 'serialId' : 'other',
            hasMany: true,
            target: field.collection,
          }
    case 'number':
      return { kind: 'number', hasMany: field.hasMany }
    case 'date':
      return { kind: 'date' }
    case 'checkbox':
      return { kind: 'boolean' }
    case 'point':
      return { kind: 'point' }
    case 'text':
    case 'textarea':
    case 'email':
    case 'code':
    case 'select':
    case 'radio':
      return { kind: 'text' }
    case 'group':
    case 'array':
    case 'tab':
      return { kind: 'other', children: fieldsOf(field.flattenedFields, idKinds) }
    default:
      return { kind: 'other' }
  }
}
