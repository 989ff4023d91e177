/**
 * The reader site's article page as readers get it: a production server (`npm run build && npm start`) on the bench
 * database, every page read once to fill its cache, then cached pages against the plain REST read of the same
 * article from the same server, alternating.
 */
import { freePort } from '../src/db/embeddedPostgres'
import { ensureProductionBuild, startInstance } from '../tests/helpers/productionApp'
import { alternate, log } from './measure'
import { quantile, round, spread } from './timing'

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
    const calls = {
      page: (id: number) => get(`/articles/${bySlug.get(id)}`),
      plain: (id: number) => get(`/api/articles/${id}?depth=0`),
    }
    const ids = articles.map((article) => article.id)
    await alternate(ids.slice(0, 20), calls)
    const reads = await alternate(ids, calls)
    return {
      samples: ids.length,
      cachedPage: spread(reads.page!),
      plainOverHttp: spread(reads.plain!),
      ratio: round(quantile(reads.page!, 0.5) / quantile(reads.plain!, 0.5)),
    }
  } finally {
    await instance.stop()
  }
}
