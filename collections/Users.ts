import type { CollectionAfterErrorHook, CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { selectOptions } from '../plugins/shared/capitalize'
import { adminFieldOnly, hasRole, isAdmin, ROLES } from './access'

/** The very first account (created from the admin panel's first-user screen or the environment) is an admin. */
const firstUserIsAdmin: CollectionBeforeChangeHook = async ({ data, operation, req }) => {
  if (operation !== 'create') return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  return totalDocs === 0 ? { ...data, roles: ['admin'] } : data
}

/**
 * A locked account answers a login as a wrong password does: "too many failed attempts" would tell anyone trying
 * addresses which of them are real accounts (unknown addresses are never locked).
 */
const lockoutLooksLikeAWrongPassword: CollectionAfterErrorHook = ({ error, graphqlResult, req }) => {
  if (error.name !== 'LockedAuth') return
  const message = req.t('error:emailOrPasswordIncorrect')
  return {
    status: 401,
    response: { errors: [{ message }] },
    ...(graphqlResult ? { graphqlResult: { ...graphqlResult, message } } : {}),
  }
}

export const Users: CollectionConfig = {
  slug: 'users',
  auth: true,
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'roles'],
    group: 'Admin',
    enableRichTextRelationship: false,
  },
  access: {
    read: ({ req }) => hasRole(req, 'admin') || (req.user ? { id: { equals: req.user.id } } : false),
    create: isAdmin,
    update: ({ req }) => hasRole(req, 'admin') || (req.user ? { id: { equals: req.user.id } } : false),
    delete: isAdmin,
    unlock: isAdmin,
  },
  hooks: { beforeChange: [firstUserIsAdmin], afterError: [lockoutLooksLikeAWrongPassword] },
  fields: [
    { name: 'name', type: 'text', maxLength: 120 },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['editor'],
      options: selectOptions(ROLES),
      access: { create: adminFieldOnly, update: adminFieldOnly },
      saveToJWT: true,
      admin: { position: 'sidebar', description: 'Editors write; moderators handle comments; admins do everything.' },
    },
  ],
}
