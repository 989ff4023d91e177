import type { Payload } from 'payload'

/** Local development only: creates the admin from ADMIN_EMAIL/ADMIN_PASSWORD when the database has no user yet. */
export async function ensureAdminUser(payload: Payload, admin: { email: string; password: string }): Promise<void> {
  const { totalDocs } = await payload.count({ collection: 'users' })
  if (totalDocs > 0) return
  await payload.create({
    collection: 'users',
    data: { email: admin.email, password: admin.password, name: 'Site admin', roles: ['admin'] },
  })
  payload.logger.info(`Created the admin user ${admin.email} from ADMIN_EMAIL/ADMIN_PASSWORD.`)
}
