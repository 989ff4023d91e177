/** RSS 2.0, the sitemap and the news sitemap, as XML text (pure). */
import type { SiteInfo, Teaser } from './content/types'
import type { SitemapPage } from './pages'

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' }
export const xml = (text: string) => text.replace(/[&<>"']/g, (char) => ESCAPES[char]!)

export function rssFeed(site: SiteInfo, { title, path, stories }: { title: string; path: string; stories: Teaser[] }) {
  const items = stories.map((story) => {
    const link = `${site.url}/articles/${story.slug}`
    return [
      '<item>',
      `<title>${xml(story.title)}</title>`,
      `<link>${xml(link)}</link>`,
      `<guid isPermaLink="true">${xml(link)}</guid>`,
      `<description>${xml(story.standfirst)}</description>`,
      story.section ? `<category>${xml(story.section.name)}</category>` : '',
      story.publishedAt ? `<pubDate>${new Date(story.publishedAt).toUTCString()}</pubDate>` : '',
      '</item>',
    ].join('')
  })
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
    `<title>${xml(title)}</title>`,
    `<link>${xml(site.url + path)}</link>`,
    `<description>${xml(site.description || site.name)}</description>`,
    '<language>en</language>',
    `<atom:link href="${xml(`${site.url}${path === '/' ? '' : path}/feed.xml`)}" rel="self" ` +
      'type="application/rss+xml"/>',
    stories[0]?.publishedAt ? `<lastBuildDate>${new Date(stories[0].publishedAt).toUTCString()}</lastBuildDate>` : '',
    ...items,
    '</channel></rss>',
  ].join('\n')
}

export function sitemap({ site, articles, sections, tags }: SitemapPage) {
  const entry = (path: string, modified?: string) =>
    `<url><loc>${xml(site.url + path)}</loc>` +
    (modified ? `<lastmod>${new Date(modified).toISOString()}</lastmod>` : '') +
    '</url>'
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    entry('/', articles[0]?.updatedAt),
    ...sections.map((slug) => entry(`/sections/${slug}`)),
    ...tags.map((slug) => entry(`/tags/${slug}`)),
    ...articles.map((article) => entry(`/articles/${article.slug}`, article.updatedAt)),
    '</urlset>',
  ].join('\n')
}

export const NEWS_SITEMAP_DAYS = 2

/** Google News' sitemap: the stories published in the last two days. */
export function newsSitemap({ site, articles }: SitemapPage, now: number) {
  const since = now - NEWS_SITEMAP_DAYS * 86_400_000
  const recent = articles.filter((article) => Date.parse(article.publishedAt) >= since)
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"',
    '  xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">',
    ...recent.map(
      (article) =>
        `<url><loc>${xml(`${site.url}/articles/${article.slug}`)}</loc><news:news><news:publication>` +
        `<news:name>${xml(site.name)}</news:name><news:language>en</news:language></news:publication>` +
        `<news:publication_date>${new Date(article.publishedAt).toISOString()}</news:publication_date>` +
        `<news:title>${xml(article.title)}</news:title></news:news></url>`,
    ),
    '</urlset>',
  ].join('\n')
}

export const xmlResponse = (body: string, type = 'application/xml') =>
  new Response(body, { headers: { 'content-type': `${type}; charset=utf-8` } })
