import { z } from 'zod'

import { DEFAULT_POOL_SETTINGS, type PoolSettings } from './db/pool'

const DEVELOPMENT_SECRET = 'development-only-secret-change-me'

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1')

const milliseconds = (fallback: number) =>
  z.coerce
    .number({ message: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .min(100, 'must be at least 100 ms')
    .default(fallback)

const environmentSchema = z
  .object({
    NODE_ENV: z.string().default('development'),
    DATABASE_URI: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string')
      .optional(),
    PAYLOAD_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
    SERVER_URL: z.url({ message: 'must be an absolute URL' }).optional(),
    DATABASE_POOL_MAX: z.coerce
      .number({ message: 'must be a number' })
      .int('must be a whole number')
      .min(3, 'must be at least 3')
      .max(1000, 'must be at most 1000')
      .default(DEFAULT_POOL_SETTINGS.max),
    DATABASE_POOL_TIMEOUT_MS: milliseconds(DEFAULT_POOL_SETTINGS.connectionTimeoutMs),
    DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_POOL_SETTINGS.statementTimeoutMs),
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(DEFAULT_POOL_SETTINGS.idleInTransactionTimeoutMs),
    DATABASE_READER_STATEMENT_TIMEOUT_MS: milliseconds(DEFAULT_POOL_SETTINGS.readerStatementTimeoutMs),
    SEED_DEMO: flag.default(true),
    TRUSTED_PROXY: flag.default(false),
    GRAPHQL_INTROSPECTION: flag.optional(),
    ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
    ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  })
  .transform((env, ctx) => {
    if (!env.PAYLOAD_SECRET && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['PAYLOAD_SECRET'], message: 'is required in production' })
    }
    const pool: PoolSettings = {
      max: env.DATABASE_POOL_MAX,
      connectionTimeoutMs: env.DATABASE_POOL_TIMEOUT_MS,
      statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      readerStatementTimeoutMs: env.DATABASE_READER_STATEMENT_TIMEOUT_MS,
    }
    // Introspection shows the whole schema to anyone: on in development, off in production unless asked for.
    const graphQLIntrospection = env.GRAPHQL_INTROSPECTION ?? env.NODE_ENV !== 'production'
    return { ...env, PAYLOAD_SECRET: env.PAYLOAD_SECRET ?? DEVELOPMENT_SECRET, pool, graphQLIntrospection }
  })

export type Environment = z.infer<typeof environmentSchema>

const blankToUndefined = (source: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''))

/** Reads and validates the process environment; a bad variable fails with its name and the problem. */
export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  const result = environmentSchema.safeParse(blankToUndefined(source))
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')} ${issue.message}`)
    throw new Error(`Invalid environment:\n${problems.join('\n')}`)
  }
  return result.data
}
