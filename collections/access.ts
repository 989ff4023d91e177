import type { Access, FieldAccess, PayloadRequest } from 'payload'

export const ROLES = ['admin', 'editor', 'moderator'] as const
export type Role = (typeof ROLES)[number]

type WithRoles = { roles?: Role[] | null }

export function hasRole(req: Pick<PayloadRequest, 'user'>, ...roles: Role[]): boolean {
  const userRoles = (req.user as WithRoles | null)?.roles ?? []
  return userRoles.some((role) => roles.includes(role))
}

export const isAdmin: Access = ({ req }) => hasRole(req, 'admin')
export const isEditor: Access = ({ req }) => hasRole(req, 'admin', 'editor')
export const anyone: Access = () => true

export const adminFieldOnly: FieldAccess = ({ req }) => hasRole(req, 'admin')

/** Editors' collections: anyone reads, editors and admins write. */
export const editorialAccess = {
  read: anyone,
  create: isEditor,
  update: isEditor,
  delete: isEditor,
}
