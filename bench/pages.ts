/**
 * The reader site's article page as readers get it: a production server (`npm run build && npm start`) on the bench
 * database, every page read once to fill its cache, then cached pages against the plain REST read of the same
 * article from the same server, alternating.
 */
import { freePort } from '../src/db/embeddedPostgres'
import { ensureProductionBuild, startInstance } from '../tests/helpers/productionApp'
import { log, readsSideBySide } from './measure'

export async function measurePages(databaseURI: string, articles: readonly { id: number; slug: string }[]) {
  await ensureProductionBuild(log)
  const port = await freePort()
  const instance = await startInstance('bench-site', port, {
    DATABASE_URI: databaseURI,
    PAYLOAD_SECRET: 'bench-site-secret-never-used-elsewhere',
    SERVER_URL: `http://127.0.0.1:${port}`,
    SEED_DEMO: 'false',
  })
  try {
    const get = async (pathname: string) => {
      const response = await fetch(`${instance.baseURL}${pathname}`)
      const body = await response.arrayBuffer()
      if (response.status !== 200) throw new Error(`GET ${pathname} answered ${response.status}`)
      return body.byteLength
    }
    const bySlug = new Map(articles.map((article) => [article.id, article.slug]))
    for (const { slug } of articles) await get(`/articles/${slug}`)
    return await readsSideBySide(
      articles.map((article) => article.id),
      ['cachedPage', (id) => get(`/articles/${bySlug.get(id)}`)],
      ['plainOverHttp', (id) => get(`/api/articles/${id}?depth=0`)],
    )
  } finally {
    await instance.stop()
  }
}
