import { readEnvironment } from './environment'
import { buildNewsroomConfig } from './newsroomConfig'

const env = readEnvironment()

if (!env.DATABASE_URI) {
  throw new Error(
    'DATABASE_URI is not set. Start the app with `npm run dev` (it starts an embedded Postgres) or set DATABASE_URI.',
  )
}

export default buildNewsroomConfig({
  databaseURI: env.DATABASE_URI,
  pool: env.pool,
  secret: env.PAYLOAD_SECRET,
  serverURL: env.SERVER_URL,
  seedDemo: env.SEED_DEMO,
  trustProxy: env.TRUSTED_PROXY,
  graphQLIntrospection: env.graphQLIntrospection,
  admin: env.ADMIN_EMAIL && env.ADMIN_PASSWORD ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD } : undefined,
})
