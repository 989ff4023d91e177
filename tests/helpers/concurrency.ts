import type { PostgresAdapter } from '@payloadcms/db-postgres'

import type { TestNewsroom } from './newsroom'

/**
 * `work`, or a failure naming `what` if it has not answered within `ms` (a hang fails the test instead of stalling it).
 */
export const within = <T>(ms: number, work: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms).unref(),
    ),
  ])

export const database = (newsroom: TestNewsroom) => (newsroom.payload.db as unknown as PostgresAdapter).drizzle

/** Errors logged from now on (the plugin logs, rolls back its own work and queues it when it fails). */
export function loggedErrors(newsroom: TestNewsroom): string[] {
  const seen: string[] = []
  const logger = newsroom.payload.logger
  const error = logger.error.bind(logger)
  logger.error = ((...args: Parameters<typeof logger.error>) => {
    seen.push(JSON.stringify(args[0], Object.getOwnPropertyNames(args[0] ?? {})))
    return error(...args)
  }) as typeof logger.error
  return seen
}

/** A REST query string selecting these ids, as the admin panel's bulk actions send it. */
export const whereIdIn = (ids: readonly (number | string)[]) =>
  ids.map((id, index) => `where[id][in][${index}]=${id}`).join('&')
