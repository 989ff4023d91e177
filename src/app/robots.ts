import type { MetadataRoute } from 'next'
import { createLocalReq } from 'payload'

import { siteURL } from '../site/content/read'
import { sitePayload } from '../site/payload'

export const dynamic = 'force-dynamic'

/** `/robots.txt`: everything public, nothing of the admin panel, the APIs or the preview; both sitemaps named. */
export default async function robots(): Promise<MetadataRoute.Robots> {
  const base = siteURL(await createLocalReq({}, await sitePayload()))
  return {
    rules: [{ userAgent: '*', allow: '/', disallow: ['/admin', '/api', '/preview'] }],
    sitemap: [`${base}/sitemap.xml`, `${base}/news-sitemap.xml`],
  }
}
