/** The route handlers of the feeds (`/feed.xml`, `/sections/<slug>/feed.xml`, `/tags/<slug>/feed.xml`) and sitemaps. */
import { newsSitemap, rssFeed, sitemap, xmlResponse } from './feeds'
import { FEED_SIZE, latestPage, sectionPage, sitemapPage, tagPage } from './pages'
import { sitePayload } from './payload'

const RSS = 'application/rss+xml'

export async function siteFeed() {
  const { site, listing } = await latestPage(await sitePayload())
  return xmlResponse(rssFeed(site, { title: site.name, path: '/', stories: listing.docs }), RSS)
}

type SlugParams = { params: Promise<{ slug: string }> }

export function listingFeed(kind: 'sections' | 'tags') {
  const read = kind === 'sections' ? sectionPage : tagPage
  return async (_request: Request, { params }: SlugParams) => {
    const { slug } = await params
    const content = await read(await sitePayload(), slug, 1, FEED_SIZE)
    if (!content.subject) return new Response('Not Found', { status: 404 })
    const title = kind === 'sections' ? content.subject.name : `More on ${content.subject.name}`
    return xmlResponse(
      rssFeed(content.site, {
        title: `${title} | ${content.site.name}`,
        path: `/${kind}/${slug}`,
        stories: content.listing.docs,
      }),
      RSS,
    )
  }
}

export async function siteSitemap() {
  return xmlResponse(sitemap(await sitemapPage(await sitePayload())))
}

export async function siteNewsSitemap() {
  return xmlResponse(newsSitemap(await sitemapPage(await sitePayload()), Date.now()))
}
