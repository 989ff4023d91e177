import { sql } from '@payloadcms/db-postgres'
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
  type PayloadRequest,
} from 'payload'

import { transactionDatabase } from '../../plugins/shared/transactionDatabase'

/** Any number works as long as nothing else in the database takes the same advisory lock. */
const START_UP_LOCK = 72_410_001

/**
 * Runs start-up work in one transaction that holds an advisory lock, so app instances starting together on one
 * database do it one after another (each sees what the previous one wrote) and a failure leaves nothing half-written.
 */
export async function inLockedTransaction<T>(payload: Payload, work: (req: PayloadRequest) => Promise<T>): Promise<T> {
  const req = await createLocalReq({}, payload)
  await initTransaction(req)
  try {
    await (await transactionDatabase(req)).execute(sql`select pg_advisory_xact_lock(${START_UP_LOCK})`)
    const result = await work(req)
    await commitTransaction(req)
    return result
  } catch (error) {
    await killTransaction(req)
    throw error
  }
}
