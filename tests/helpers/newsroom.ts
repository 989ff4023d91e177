import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload, type SanitizedConfig } from 'payload'

import type { Role } from '../../collections/access'
import { buildNewsroomConfig, type NewsroomOptions } from '../../src/newsroomConfig'
import { closeDatabasePool } from '../../src/db/postgresAdapter'
import { createTestDatabase } from './database'
import { graphqlCaller, restCaller, type ApiResponse, type Method, type RestOptions } from './rest'

export const TEST_PASSWORD = 'test-password-1234'
export type { ApiResponse } from './rest'

export type TestNewsroom = {
  payload: Payload
  config: Promise<SanitizedConfig>
  /** Calls the real REST route handler, as Next would: `rest('GET', '/articles?depth=1')`. */
  rest: <T = any>(method: Method, path: string, options?: RestOptions) => Promise<ApiResponse<T>>
  graphql: <T = any>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
    headers?: Record<string, string>,
  ) => Promise<ApiResponse<T>>
  /** Creates a user with the role (once) and returns a JWT for it. */
  tokenFor: (role: Role) => Promise<string>
  destroy: () => Promise<void>
}

/** A newsroom on its own fresh database, reached through the Local API and the real REST and GraphQL handlers. */
export async function startTestNewsroom(
  options: Partial<NewsroomOptions> & { instanceKey?: string } = {},
): Promise<TestNewsroom> {
  const { instanceKey, ...newsroomOptions } = options
  const databaseURI = newsroomOptions.databaseURI ?? (await createTestDatabase())
  const config = buildNewsroomConfig({
    secret: 'test-secret-for-the-newsroom-suite',
    seedDemo: false,
    runScheduledJobs: false,
    ...newsroomOptions,
    databaseURI,
  })
  const payload = await getPayload({ config, key: instanceKey })

  const rest: TestNewsroom['rest'] = restCaller(config)
  const graphql: TestNewsroom['graphql'] = graphqlCaller(config)

  const tokens = new Map<Role, string>()
  const tokenFor = async (role: Role) => {
    if (!tokens.has(role)) {
      const email = `${role}@newsroom.test`
      const { totalDocs } = await payload.count({ collection: 'users', where: { email: { equals: email } } })
      if (totalDocs === 0) {
        await payload.create({
          collection: 'users',
          data: { email, password: TEST_PASSWORD, roles: [role] },
          overrideAccess: true,
        })
      }
      const login = await rest('POST', '/users/login', { body: { email, password: TEST_PASSWORD } })
      if (login.status !== 200) throw new Error(`login as ${role} failed: ${JSON.stringify(login.body)}`)
      tokens.set(role, login.body.token)
    }
    return tokens.get(role)!
  }

  await tokenFor('admin')
  const destroy = async () => {
    const adapter = payload.db as unknown as PostgresAdapter
    await payload.destroy()
    await closeDatabasePool(adapter)
  }
  return { payload, config, rest, graphql, tokenFor, destroy }
}
