import { buildBlogConfig } from './blogConfig'

if (!process.env.DATABASE_URI)
  throw new Error('DATABASE_URI is not set: the dev app runs on a Postgres it is given (its tests start one).')

export default buildBlogConfig({
  databaseURI: process.env.DATABASE_URI,
  idType: process.env.ID_TYPE === 'uuid' ? 'uuid' : 'serial',
})
