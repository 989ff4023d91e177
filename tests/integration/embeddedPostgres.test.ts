import { spawn } from 'node:child_process'
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import pg from 'pg'

import { startEmbeddedPostgres } from '../../src/db/embeddedPostgres'
import { postgresPidsFor } from '../helpers/processes'

let root: string
let dataDir: string
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-embedded-'))
  await chmod(root, 0o755)
  dataDir = path.join(root, 'data')
})
afterAll(async () => {
  for (const pid of await postgresPidsFor(dataDir)) process.kill(pid, 'SIGKILL')
  await rm(root, { recursive: true, force: true })
})

async function query(uri: string, text: string) {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return (await client.query(text)).rows
  } finally {
    await client.end()
  }
}

describe('embedded Postgres', () => {
  it('initialises a cluster, keeps data across restarts and stops cleanly', async () => {
    const first = await startEmbeddedPostgres({ dataDir })
    await query(first.uri, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('still here')")
    await first.stop()
    expect(await postgresPidsFor(dataDir)).toEqual([])

    const second = await startEmbeddedPostgres({ dataDir })
    expect(second.port).not.toBe(5432)
    expect(await query(second.uri, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }])
    await second.stop()
    expect(await postgresPidsFor(dataDir)).toEqual([])
  })

  it('recovers from a run that was killed and left its server running', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/holdEmbeddedPostgres.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    await new Promise<void>((resolve) =>
      holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve()),
    )
    holder.kill('SIGKILL')
    await new Promise((resolve) => holder.once('exit', resolve))
    const [orphan] = await postgresPidsFor(dataDir)
    expect(orphan).toBeDefined()

    const messages: string[] = []
    const server = await startEmbeddedPostgres({ dataDir, log: (message) => messages.push(message) })
    expect(messages.join('\n')).toContain(
      `A Postgres server (pid ${orphan}) left running by an earlier run still holds`,
    )
    expect(await postgresPidsFor(dataDir)).not.toContain(orphan)
    expect(await query(server.uri, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }])
    await server.stop()
    expect(await postgresPidsFor(dataDir)).toEqual([])
  })

  it('shares a server another live command is running on the same data directory', async () => {
    const holder = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/holdEmbeddedPostgres.ts', dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const port = await new Promise<number>((resolve) =>
      holder.stdout!.on('data', (chunk: Buffer) => {
        const match = /ready (\d+)/.exec(chunk.toString())
        if (match) resolve(Number(match[1]))
      }),
    )
    try {
      const messages: string[] = []
      const second = await startEmbeddedPostgres({ dataDir, log: (message) => messages.push(message) })
      expect(second.port).toBe(port)
      expect(messages.join('\n')).toContain(
        `Using the Postgres server that another command (pid ${holder.pid}) is running`,
      )
      expect(await query(second.uri, 'SELECT 1 AS ok')).toEqual([{ ok: 1 }])
      await second.stop()
      expect((await postgresPidsFor(dataDir)).length).toBe(1)
    } finally {
      holder.kill('SIGTERM')
      await new Promise((resolve) => holder.once('exit', resolve))
    }
  })

  it('removes a stale lock file whose server is gone', async () => {
    const lockFile = path.join(dataDir, 'postmaster.pid')
    const dead = 2 ** 22 + 12_345
    await writeFile(lockFile, `${dead}\n${dataDir}\n`)
    const messages: string[] = []
    const server = await startEmbeddedPostgres({ dataDir, log: (message) => messages.push(message) })
    expect(messages.join('\n')).toContain('Removing a stale lock left by a run that was killed')
    expect((await readFile(lockFile, 'utf8')).split('\n')[0]).not.toBe(String(dead))
    await server.stop()
  })
})
