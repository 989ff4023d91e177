/**
 * The soak: two app instances (a production build) on one Postgres under readers, editors and commenters at once,
 * while the database is restarted and one instance is killed with SIGKILL and started again. Afterwards: were all
 * acknowledged writes kept, do the stored lists equal a rebuild, are the counts true, and did anything fail outside the
 * fault windows.
 *
 *   npm run soak -- [--seconds N] [--out FILE.json]
 *
 * Everything runs on loopback, in temporary folders, and is stopped at the end (also on Ctrl-C).
 */
import { randomBytes } from 'node:crypto'
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { getPayload, type Payload } from 'payload'
import { z } from 'zod'

import { freePort, startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embeddedPostgres'
import { closeDatabasePool } from '../../src/db/postgresAdapter'
import { buildNewsroomConfig } from '../../src/newsroomConfig'
import { onServer } from '../../tests/helpers/database'
import { httpApi, type HttpApi } from '../../tests/helpers/httpApi'
import { countMismatches, drainJobs, listsAgainstRebuild } from '../../tests/helpers/invariants'
import {
  articleFields,
  commenter,
  editor,
  Ledger,
  seededRandom,
  type ArticleFields,
} from '../../tests/helpers/newsroomTraffic'
import { round } from '../timing'
import { ensureProductionBuild, startInstance, type Instance } from '../../tests/helpers/productionApp'
import { startReaders, type Readers, type ReadTargets } from './readers'
import { Recorder } from './recorder'

const argumentsSchema = z.object({
  seconds: z.coerce
    .number({ error: '--seconds must be a number' })
    .int('--seconds must be a whole number')
    .min(20, '--seconds must be at least 20')
    .max(3600, '--seconds must be at most 3600')
    .default(120),
  out: z.string().min(1).optional(),
})

function readArguments() {
  const { values } = parseArgs({ options: { seconds: { type: 'string' }, out: { type: 'string' } } })
  const parsed = argumentsSchema.safeParse(values)
  if (!parsed.success) {
    console.error(`soak: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`)
    console.error('usage: npm run soak -- [--seconds N] [--out FILE.json]')
    process.exit(2)
  }
  return parsed.data
}

const log = (message: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${message}`)
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

const SECRET = `soak-${randomBytes(12).toString('hex')}`
const ADMIN = { email: 'soak-admin@example.com', password: 'soak-password-1' }
const EDITORS = 3
const COMMENTERS = 2
/** Reader requests a second, per route and instance. */
const READ_RATE = 8
/** Longest a fault may take to heal before the soak calls it a failure. */
const HEAL_LIMIT_MS = 120_000

/**
 * Everything the soak started, stopped in reverse order at the end. On Ctrl-C, or if it fails, instances are killed at
 * once rather than asked to stop, and nothing new is started after that.
 */
const cleanups: Array<() => Promise<unknown> | unknown> = []
const running = new Set<Instance>()
/** Every instance started, killed ones included, for their logs. */
const started: Instance[] = []
let aborting = false
let cleaning: Promise<void> | undefined
const cleanUp = () =>
  (cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch(() => {})
  })())
const abort = () => {
  aborting = true
  for (const instance of running) instance.kill()
  return cleanUp()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => void abort().finally(() => process.exit(130)))
process.once('exit', () => running.forEach((instance) => instance.kill()))

/** Starts an instance, and keeps track of it (killing it at once if the soak is already stopping). */
async function launch(name: string, port: number, env: Record<string, string>): Promise<Instance> {
  const instance = await startInstance(name, port, env)
  running.add(instance)
  started.push(instance)
  if (aborting) instance.kill()
  return instance
}

/** Starts (or starts again) the database on its folder and port, and keeps track of it. */
async function launchDatabase(dataDir: string, port: number): Promise<EmbeddedPostgres> {
  const database = await startEmbeddedPostgres({ dataDir, port })
  cleanups.push(() => database.stop())
  if (aborting) await database.stop()
  return database
}

/** Requests spread over the instances in turn, as a load balancer would. */
function balanced(apis: HttpApi[]): HttpApi {
  let next = 0
  return {
    request: (...args) => apis[next++ % apis.length]!.request(...args),
    login: (...args) => apis[0]!.login(...args),
  }
}

/** Sets up the newsroom through the Local API: the admin, open comment limits, sections, tags and older stories. */
async function seedNewsroom(checker: Payload) {
  const local = { overrideAccess: true } as const
  await checker.create({ collection: 'users', data: { ...ADMIN, name: 'Soak admin', roles: ['admin'] }, ...local })
  await checker.updateGlobal({ slug: 'comment-settings', data: { perMinute: 100_000, perHour: 1_000_000 }, ...local })
  const section = (await checker.create({ collection: 'sections', data: { name: 'News' }, ...local })).id
  const kinds = ['person', 'event', 'organisation', 'place', 'topic'] as const
  const tags: number[] = []
  for (let index = 0; index < 15; index++) {
    tags.push(
      (
        await checker.create({
          collection: 'tags',
          data: { name: `Soak story ${index}`, kind: kinds[index % kinds.length]! },
          ...local,
        })
      ).id,
    )
  }
  const random = seededRandom(7)
  const owned: number[][] = Array.from({ length: EDITORS }, () => [])
  const ledger = new Ledger()
  for (let index = 0; index < 40 * EDITORS; index++) {
    const fields: ArticleFields = {
      title: `Older story ${index}`,
      status: 'published',
      tags: [...new Set([tags[Math.floor(random() * tags.length)]!, tags[Math.floor(random() * tags.length)]!])].sort(
        (a, b) => a - b,
      ),
      publishedAt: new Date(Date.now() - 3_600_000 - Math.floor(random() * 14 * 24) * 3_600_000).toISOString(),
    }
    const { id } = await checker.create({
      collection: 'articles',
      data: {
        title: fields.title,
        standfirst: 'A standfirst.',
        section,
        tags: fields.tags,
        _status: fields.status,
        publishedAt: fields.publishedAt,
      } as never,
      ...local,
    })
    owned[index % EDITORS]!.push(id)
    ledger.known(id, fields)
  }
  return { section, tags, owned, ledger }
}

/** Waits until every instance answers a public read and a staff write again; returns when that was. */
async function waitUntilHealed(apis: HttpApi[], token: string, probeArticle: number): Promise<number | null> {
  const deadline = Date.now() + HEAL_LIMIT_MS
  while (Date.now() < deadline) {
    const answers = await Promise.all(
      apis.flatMap((api) => [
        api.request('GET', '/articles?limit=1&depth=0').catch(() => undefined),
        api
          .request('PATCH', `/articles/${probeArticle}`, { token, body: { standfirst: `Probe ${Date.now()}` } })
          .catch(() => undefined),
      ]),
    )
    if (answers.every((answer) => answer?.status === 200)) return Date.now()
    await sleep(250)
  }
  return null
}

async function main() {
  const { seconds, out } = readArguments()
  const soakStarted = Date.now()
  const recorder = new Recorder()

  const root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-soak-'))
  await chmod(root, 0o755)
  cleanups.push(() => rm(root, { recursive: true, force: true }))
  const dataDir = path.join(root, 'postgres')
  const databasePort = await freePort()
  let database = await launchDatabase(dataDir, databasePort)
  await onServer(database.uri, (client) => client.query('CREATE DATABASE newsroom_soak'))
  const databaseURI = database.uriFor('newsroom_soak')
  log(`Postgres on 127.0.0.1:${databasePort}`)

  const checkerConfig = buildNewsroomConfig({
    databaseURI,
    secret: SECRET,
    seedDemo: false,
    runScheduledJobs: false,
    schemaPush: false,
  })
  const checker = await getPayload({ config: checkerConfig, key: 'soak-checker' })
  cleanups.push(async () => {
    const adapter = checker.db as unknown as PostgresAdapter
    await checker.destroy()
    await closeDatabasePool(adapter)
  })
  await checker.db.migrate()
  const { section, tags, owned, ledger } = await seedNewsroom(checker)
  await listsAgainstRebuild(checker)
  log(`seeded ${owned.flat().length} stories; migrations applied`)

  await ensureProductionBuild(log)
  const instanceEnv = { DATABASE_URI: databaseURI, PAYLOAD_SECRET: SECRET, SEED_DEMO: 'false' }
  const ports = [await freePort(), await freePort()]
  const instances: Instance[] = []
  for (const [index, port] of ports.entries()) {
    instances.push(await launch(`app-${index + 1}`, port, { ...instanceEnv, SERVER_URL: `http://127.0.0.1:${port}` }))
  }
  log(`instances on ${instances.map((instance) => instance.baseURL).join(' and ')}`)
  const apis = instances.map((instance) => httpApi(instance.baseURL, { timeoutMs: 15_000 }))
  const api = balanced(apis)
  const token = await api.login(ADMIN.email, ADMIN.password)

  // Thirty saves at once, half through each instance: all must answer.
  const burst = await Promise.all(
    owned
      .flat()
      .slice(0, 30)
      .map((id, index) =>
        apis[index % 2]!.request('PATCH', `/articles/${id}`, { token, body: { title: `Burst ${index}` } }).catch(
          () => undefined,
        ),
      ),
  )
  const burstAnswered = burst.filter((answer) => answer?.status === 200).length
  log(`30 concurrent saves: ${burstAnswered} answered 200`)
  owned
    .flat()
    .slice(0, 30)
    .forEach((id, index) =>
      ledger.write(id, { title: `Burst ${index}` }, burst[index]?.status === 200 ? 'acknowledged' : 'unknown'),
    )

  // Readers pick from what is published now, refreshed as editors work.
  const targets: ReadTargets = { articles: owned.flat(), tagSlugs: [] }
  const refreshTargets = async () => {
    const published = await checker
      .find({
        collection: 'articles',
        where: { _status: { equals: 'published' } },
        limit: 200,
        depth: 0,
        select: { title: true },
      })
      .catch(() => undefined)
    if (published) targets.articles = published.docs.map((doc) => doc.id)
    const tagDocs = await checker
      .find({ collection: 'tags', limit: 100, depth: 0, select: { slug: true } })
      .catch(() => undefined)
    if (tagDocs) targets.tagSlugs = tagDocs.docs.map((doc) => String(doc.slug))
  }
  await refreshTargets()

  const loadStart = Date.now()
  const endAt = loadStart + seconds * 1000
  const until = (fraction: number) => sleep(Math.max(0, loadStart + seconds * 1000 * fraction - Date.now()))
  let readers: Readers[] = instances.map((instance) =>
    startReaders(instance.baseURL, targets, recorder, { seconds, rate: READ_RATE }),
  )
  const writers = async (
    name: string,
    step: () => Promise<{ operation: string; answer?: { status: number; ms: number } }>,
  ) => {
    while (Date.now() < endAt) {
      const startedAt = Date.now()
      const { operation, answer } = await step()
      recorder.record(`${name}:${operation}`, startedAt, answer?.ms ?? Date.now() - startedAt, answer?.status ?? 0)
      await sleep(50 + Math.random() * 200)
    }
  }
  const newsroom = { section, tags, days: 14 }
  const stories = () => owned.flat()
  const traffic = Promise.all([
    ...owned.map((mine, index) =>
      writers('edit', editor(api, token, newsroom, mine, seededRandom(100 + index), ledger).step),
    ),
    ...Array.from({ length: COMMENTERS }, (_, index) =>
      writers('comment', commenter(api, token, stories, seededRandom(200 + index), ledger).step),
    ),
    (async () => {
      while (Date.now() < endAt) {
        await refreshTargets()
        await sleep(2000)
      }
    })(),
  ])

  // The faults, a third and two thirds of the way through.
  const probeArticle = owned[0]![0]!
  await until(0.3)
  log('fault: restarting the database')
  const databaseDown = Date.now()
  await database.stop()
  await sleep(3000)
  database = await launchDatabase(dataDir, databasePort)
  const databaseBack = Date.now()
  const databaseHealed = await waitUntilHealed(apis, token, probeArticle)
  recorder.windows.push({ name: 'databaseRestart', from: databaseDown, to: databaseHealed ?? endAt })
  log(
    `database back after ${round((databaseBack - databaseDown) / 1000, 1)} s; instances healed ` +
      (databaseHealed ? `${round((databaseHealed - databaseBack) / 1000, 1)} s later` : 'never'),
  )

  await until(0.65)
  log(`fault: killing ${instances[1]!.name} with SIGKILL`)
  const killed = Date.now()
  readers[1]!.stop()
  instances[1]!.kill()
  running.delete(instances[1]!)
  await sleep(1000)
  const restarted = Date.now()
  instances[1] = await launch(instances[1]!.name, ports[1]!, {
    ...instanceEnv,
    SERVER_URL: `http://127.0.0.1:${ports[1]}`,
  })
  const instanceHealed = await waitUntilHealed(apis, token, probeArticle)
  recorder.windows.push({ name: 'instanceKilled', from: killed, to: instanceHealed ?? endAt })
  log(
    `${instances[1]!.name} started again; serving ` +
      (instanceHealed ? `${round((instanceHealed - restarted) / 1000, 1)} s after its restart` : 'never'),
  )
  if (Date.now() < endAt)
    readers = [
      readers[0]!,
      startReaders(instances[1]!.baseURL, targets, recorder, {
        seconds: Math.ceil((endAt - Date.now()) / 1000),
        rate: READ_RATE,
      }),
    ]

  await traffic
  readers.forEach((reader) => reader.stop())
  await Promise.all(readers.map((reader) => reader.done))
  log(`traffic done: ${recorder.requests} requests; stopping the instances and checking`)
  for (const instance of instances) {
    await instance.stop()
    running.delete(instance)
  }

  await drainJobs(checker, 50)
  const lost = await ledger.lostWrites(
    async (id) => {
      const doc = await checker.findByID({
        collection: 'articles',
        id,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
      })
      return doc ? articleFields(doc as unknown as Record<string, unknown>) : null
    },
    async (id) => {
      const doc = await checker.findByID({
        collection: 'comments',
        id,
        depth: 0,
        overrideAccess: true,
        disableErrors: true,
      })
      return doc
        ? { article: Number(typeof doc.article === 'object' ? doc.article.id : doc.article), body: doc.body }
        : null
    },
  )
  const mismatches = await countMismatches(checker)
  const lists = await listsAgainstRebuild(checker)
  const stored = new Set(lists.stored)
  const rebuilt = new Set(lists.rebuilt)
  const differing = new Set(
    [...lists.stored.filter((link) => !rebuilt.has(link)), ...lists.rebuilt.filter((link) => !stored.has(link))].map(
      (link) => link.split('>')[0],
    ),
  )
  const failures = recorder.failures()
  const healedSeconds = (at: number | null, from: number) => (at === null ? null : round((at - from) / 1000, 1))

  const result = {
    meta: {
      seconds,
      totalSeconds: round((Date.now() - soakStarted) / 1000, 1),
      date: new Date().toISOString(),
      machine: {
        cores: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGb: round(os.totalmem() / 2 ** 30, 1),
        node: process.version,
      },
      load: { editors: EDITORS, commenters: COMMENTERS, readRatePerRouteAndInstance: READ_RATE },
    },
    instances: instances.length,
    requests: recorder.requests,
    acknowledgedWrites: ledger.acknowledged,
    concurrentSaves: { sent: 30, answered: burstAnswered },
    routes: recorder.routes(seconds),
    unservedRoutes: recorder.unservedRoutes(),
    lostWrites: lost.length,
    lostWriteExamples: lost.slice(0, 10),
    listsMatchRebuild: differing.size === 0,
    listsDiffering: differing.size,
    listsStored: new Set(lists.rebuilt.map((link) => link.split('>')[0])).size,
    countsMatch: mismatches.length === 0,
    countMismatches: mismatches.slice(0, 10),
    errorsOutsideFaults: failures.outsideFaults,
    errorsOutsideFaultsExamples: failures.examples,
    errorsInFaults: failures.insideFaults,
    faults: {
      databaseRestart: {
        downSeconds: round((databaseBack - databaseDown) / 1000, 1),
        healedSeconds: healedSeconds(databaseHealed, databaseBack),
      },
      instanceKilled: { healedSeconds: healedSeconds(instanceHealed, restarted) },
    },
  }
  const passed =
    result.lostWrites === 0 &&
    result.listsMatchRebuild &&
    result.countsMatch &&
    result.errorsOutsideFaults === 0 &&
    result.unservedRoutes.length === 0 &&
    burstAnswered === 30 &&
    (result.faults.databaseRestart.healedSeconds ?? Infinity) <= 30 &&
    (result.faults.instanceKilled.healedSeconds ?? Infinity) <= 60
  console.log(JSON.stringify(result, null, 2))
  if (out) await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  log(passed ? 'passed' : 'FAILED')
  if (!passed) {
    for (const [index, instance] of started.entries()) {
      const file = path.join(os.tmpdir(), `newsroom-soak-${index + 1}-${instance.name}.log`)
      await writeFile(file, instance.output())
      console.error(`the output of ${instance.name} (${index + 1} of ${started.length} started) is in ${file}`)
    }
  }
  await cleanUp()
  process.exit(passed ? 0 : 1)
}

main().catch(async (error: unknown) => {
  console.error(error)
  await abort()
  process.exit(1)
})
