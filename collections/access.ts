import type { Access, FieldAccess, PayloadRequest } from 'payload'

export const ROLES = ['admin', 'editor', 'moderator'] as const
export type Role = (typeof ROLES)[number]

type WithRoles = { roles?: Role[] | null }

export function hasRole(req: Pick<PayloadRequest, 'user'>, ...roles: Role[]): boolean {
  const userRoles = (req.user as WithRoles | null)?.roles ?? []
  return userRoles.some((role) => roles.includes(role))
}

export const isLoggedIn: Access = ({ req }) => Boolean(req.user)
export const isAdmin: Access = ({ req }) => hasRole(req, 'admin')
export const isEditor: Access = ({ req }) => hasRole(req, 'admin', 'editor')
export const isModerator: Access = ({ req }) => hasRole(req, 'admin', 'moderator')
export const anyone: Access = () => true
export const nobody: Access = () => false

export const adminFieldOnly: FieldAccess = ({ req }) => hasRole(req, 'admin')
export const moderatorFieldOnly: FieldAccess = ({ req }) => hasRole(req, 'admin', 'moderator')
export const serverOwned: FieldAccess = () => false

/** Editors' collections: anyone reads, editors and admins write. */
export const editorialAccess = {
  read: anyone,
  create: isEditor,
  update: isEditor,
  delete: isEditor,
}
