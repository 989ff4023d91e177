/**
 * The jobs queue runs in one app instance at a time: two instances on one database, each with its runner, never run
 * the queue at the same moment (Payload's own runner lets both pick up the same job).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { runQueueEveryMinute } from '../../src/jobs/runQueue'
import { startTestNewsroom, type TestNewsroom } from '../helpers/newsroom'

let first: TestNewsroom
let second: TestNewsroom
beforeAll(async () => {
  first = await startTestNewsroom()
  second = await startTestNewsroom({
    databaseURI: (first.payload.db as unknown as { poolOptions: { connectionString: string } }).poolOptions
      .connectionString,
    instanceKey: 'second',
  })
})
afterAll(async () => {
  await second?.destroy()
  await first?.destroy()
})

describe('the jobs queue runner', () => {
  it('runs the queue in one instance at a time, one job after another', async () => {
    const rounds: Array<{ instance: string; from: number; to: number; sequential?: boolean }> = []
    const stops = [first, second].map((newsroom, index) => {
      const instance = `instance ${index + 1}`
      // Each round as Payload would run it, made slow enough that the rounds of the two instances would overlap.
      newsroom.payload.jobs.run = (async (args: { sequential?: boolean }) => {
        const from = Date.now()
        await new Promise((resolve) => setTimeout(resolve, 250))
        rounds.push({ instance, from, to: Date.now(), sequential: args.sequential })
        return { noJobsRemaining: true }
      }) as never
      return runQueueEveryMinute(newsroom.payload, { queue: 'default', limit: 20, everyMs: 50 })
    })
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    stops.forEach((stop) => stop())
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(new Set(rounds.map((round) => round.instance)).size).toBe(2)
    expect(rounds.every((round) => round.sequential)).toBe(true)
    const overlapping = rounds.filter((round) =>
      rounds.some((other) => other !== round && other.from < round.to && round.from < other.to),
    )
    expect(overlapping).toEqual([])
  })
})
