/**
 * The random-edit convergence check, with several writers at once on a real server (`npm run dev` on a test
 * database), over HTTP: editors publishing, retagging, redating, unpublishing and deleting, alone and in bulk, and
 * commenters with a moderator, all on the same stories. Once they stop and the queued work has run, every stored list
 * must equal what a rebuild computes, and every kept count the truth.
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'

import { closeDatabasePool } from '../../src/db/postgresAdapter'
import { buildNewsroomConfig } from '../../src/newsroomConfig'
import { startAppServer, STARTUP_TIMEOUT, type AppServer } from '../helpers/appServer'
import { createTestDatabase } from '../helpers/database'
import { httpApi, type HttpApi } from '../helpers/httpApi'
import { countMismatches, listsAgainstRebuild } from '../helpers/invariants'
import { commenter, editor, seededRandom } from '../helpers/newsroomTraffic'

const ADMIN = { email: 'writers-admin@example.com', password: 'writers-password-1' }

let root: string
let server: AppServer
let checker: Payload
let api: HttpApi

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-writers-'))
  await chmod(root, 0o755)
  const databaseURI = await createTestDatabase()
  server = await startAppServer({
    DATABASE_URI: databaseURI,
    MEDIA_DIR: path.join(root, 'media'),
    SEED_DEMO: 'false',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
  })
  api = httpApi(server.url(''))
  // A second instance on the same database, for the checks: as another app instance would be.
  const config = buildNewsroomConfig({
    databaseURI,
    secret: 'unused-for-checks-only',
    seedDemo: false,
    runScheduledJobs: false,
    schemaPush: false,
  })
  checker = await getPayload({ config, key: 'checker' })
}, STARTUP_TIMEOUT + 30_000)

afterAll(async () => {
  if (checker) {
    const adapter = checker.db as unknown as PostgresAdapter
    await checker.destroy()
    await closeDatabasePool(adapter)
  }
  server?.kill()
  await rm(root, { recursive: true, force: true })
})

describe('several writers at once on a real server', () => {
  it('leave every list as a rebuild computes it, and every count true', async () => {
    const token = await api.login(ADMIN.email, ADMIN.password)
    const settings = await api.request('POST', '/globals/comment-settings', {
      token,
      body: { perMinute: 10_000, perHour: 100_000 },
    })
    expect(settings.status).toBe(200)
    const section = (await api.request('POST', '/sections', { token, body: { name: 'News' } })).body.doc.id
    // People and events weigh most: with few tags, stories share two often enough to score the threshold.
    const kinds = ['person', 'event', 'organisation', 'person', 'event']
    const tags: number[] = []
    for (let index = 0; index < kinds.length; index++) {
      tags.push(
        (await api.request('POST', '/tags', { token, body: { name: `Running story ${index}`, kind: kinds[index] } }))
          .body.doc.id,
      )
    }
    const newsroom = { section, tags, days: 7 }
    const stories: number[] = []
    const seed = editor(api, token, newsroom, stories, seededRandom(1))
    for (let index = 0; index < 40; index++) await seed.step()

    const statuses: Record<string, number[]> = {}
    const run = async (writer: ReturnType<typeof editor> | ReturnType<typeof commenter>, steps: number) => {
      for (let step = 0; step < steps; step++) {
        const { operation, answer } = await writer.step()
        ;(statuses[operation] ??= []).push(answer?.status ?? 0)
      }
    }
    await Promise.all([
      ...[2, 3, 4, 5].map((writerSeed) => run(editor(api, token, newsroom, stories, seededRandom(writerSeed)), 25)),
      run(
        commenter(api, token, () => stories, seededRandom(6)),
        25,
      ),
    ])
    // Writers share the stories: one may delete what another is about to change (404), and older stories are closed
    // to comments (403); never anything worse.
    const expectedRefusals = (operation: string) => (operation === 'comment' ? [403, 404] : [404])
    const failures = Object.entries(statuses).flatMap(([operation, codes]) =>
      codes
        .filter((code) => !(code >= 200 && code < 300) && !expectedRefusals(operation).includes(code))
        .map((code) => `${operation}: ${code}`),
    )
    expect(failures).toEqual([])

    expect(await countMismatches(checker)).toEqual([])
    const lists = await listsAgainstRebuild(checker)
    expect(lists.stored.length).toBeGreaterThan(10)
    expect(lists.stored).toEqual(lists.rebuilt)
    expect(server.output()).not.toMatch(/deadlock detected|could not update the stored lists/)
  }, 300_000)
})
