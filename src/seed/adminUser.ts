import type { Payload } from 'payload'

import { inLockedTransaction } from './lockedTransaction'

/** Local development only: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD when the database has no user yet. */
export async function ensureAdminUser(payload: Payload, admin: { email: string; password: string }): Promise<void> {
  const created = await inLockedTransaction(payload, async (req) => {
    if ((await payload.count({ collection: 'users', req, overrideAccess: true })).totalDocs > 0) return false
    await payload.create({
      collection: 'users',
      data: { email: admin.email, password: admin.password, name: 'Site admin', roles: ['admin'] },
      req,
      overrideAccess: true,
    })
    return true
  })
  if (created) payload.logger.info(`Created the admin user ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`)
}
