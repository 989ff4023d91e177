import { describe, expect, it } from '@jest/globals'

import { readEnvironment } from '../../src/environment'

describe('readEnvironment', () => {
  it('applies development defaults', () => {
    const env = readEnvironment({})
    expect(env.SEED_DEMO).toBe(true)
    expect(env.PAYLOAD_SECRET.length).toBeGreaterThanOrEqual(16)
    expect(env.DATABASE_URI).toBeUndefined()
  })

  it('treats empty values as unset', () => {
    expect(readEnvironment({ DATABASE_URI: '', SERVER_URL: '' }).DATABASE_URI).toBeUndefined()
  })

  it('requires a secret in production', () => {
    expect(() => readEnvironment({ NODE_ENV: 'production' })).toThrow('PAYLOAD_SECRET is required in production')
  })

  it('names each bad variable and its problem', () => {
    expect(() =>
      readEnvironment({ DATABASE_URI: 'mysql://x', SEED_DEMO: 'maybe', ADMIN_EMAIL: 'nope', PAYLOAD_SECRET: 'short' }),
    ).toThrow(
      new RegExp(
        [
          'DATABASE_URI must be a postgres:// connection string',
          'PAYLOAD_SECRET must be at least 16 characters',
          'SEED_DEMO must be true or false',
          'ADMIN_EMAIL must be an email address',
        ].join('[\\s\\S]*'),
      ),
    )
  })

  it('reads SEED_DEMO=false', () => {
    expect(readEnvironment({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false)
  })
})
