import { randomBytes } from 'node:crypto'
import pg from 'pg'

const prefix = () => `newsroom_test_${process.env.TEST_RUN_ID}_`

/** Runs `work` on a connection to the server at `uri`, then closes it. */
export async function onServer<T>(uri: string | undefined, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: uri })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/** A new, empty database on the test server; returns its connection string. */
export async function createTestDatabase(): Promise<string> {
  const name = `${prefix()}${randomBytes(4).toString('hex')}`
  await onServer(process.env.TEST_DATABASE_SERVER, (client) => client.query(`CREATE DATABASE "${name}"`))
  const uri = new URL(process.env.TEST_DATABASE_SERVER!)
  uri.pathname = `/${name}`
  return uri.toString()
}

export async function dropRunDatabases(): Promise<void> {
  await onServer(process.env.TEST_DATABASE_SERVER, async (client) => {
    const { rows } = await client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix()],
    )
    for (const { datname } of rows) await client.query(`DROP DATABASE "${datname}" WITH (FORCE)`)
  })
}
