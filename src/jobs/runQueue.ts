import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'
import type { PoolClient } from 'pg'

import { LOCK_SPACES } from '../../plugins/shared/advisoryLocks'

export type QueueRunnerOptions = { queue: string; limit: number; everyMs?: number }

/**
 * Runs the jobs queue (scheduled publishing, queued "More on" work) every minute, in one app instance at a time and one
 * job after another. Payload's own runner lets every instance pick up the same job at the same moment and runs a batch
 * side by side; here the instance that gets a database lock runs the due jobs, and the others skip that round.
 */
export function runQueueEveryMinute(
  payload: Payload,
  { queue, limit, everyMs = 60_000 }: QueueRunnerOptions,
): () => void {
  let running = false
  const round = async () => {
    if (running) return
    running = true
    const pool = (payload.db as unknown as PostgresAdapter).pool
    let client: PoolClient | undefined
    try {
      // A session lock, held by this connection for the round and released with it (also if the process dies).
      client = await pool.connect()
      const { rows } = await client.query<{ locked: boolean }>(
        'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
        [LOCK_SPACES.jobsQueue, queue],
      )
      if (!rows[0]?.locked) return
      try {
        await payload.jobs.run({ queue, limit, sequential: true })
      } finally {
        await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_SPACES.jobsQueue, queue])
      }
    } catch (error) {
      payload.logger.error({ err: error, msg: `Could not run the jobs queue "${queue}"; the next round tries again` })
    } finally {
      client?.release()
      running = false
    }
  }
  const timer = setInterval(() => void round(), everyMs)
  timer.unref()
  return () => clearInterval(timer)
}
