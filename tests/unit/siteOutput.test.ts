import { describe, expect, it } from '@jest/globals'

import { relativeTime } from '../../src/site/components/format'
import type { SiteInfo, Teaser } from '../../src/site/content/types'
import { newsSitemap, rssFeed, sitemap } from '../../src/site/feeds'
import { scriptJson } from '../../src/site/metadata'
import { schemaRefusal } from '../../src/db/schemaCheck'

const site: SiteInfo = { name: 'The <Ledger>', description: 'News & views', logo: null, url: 'https://news.example' }
const story = (title: string, publishedAt: string): Teaser => ({
  id: 1,
  slug: 'a-story',
  kicker: null,
  title,
  standfirst: 'Standfirst "quoted"',
  publishedAt,
  section: { name: 'News', slug: 'news' },
  image: null,
})
const HOUR = 3_600_000

describe('the site’s feeds and sitemaps', () => {
  it('RSS escapes every text and links each story by its canonical URL', () => {
    const feed = rssFeed(site, {
      title: site.name,
      path: '/',
      stories: [story('Tom & Jerry <live>', '2026-12-01T10:00:00Z')],
    })
    expect(feed).toContain('<title>Tom &amp; Jerry &lt;live&gt;</title>')
    expect(feed).toContain('<link>https://news.example/articles/a-story</link>')
    expect(feed).toContain('<description>Standfirst &quot;quoted&quot;</description>')
    expect(feed).toContain('<pubDate>Tue, 01 Dec 2026 10:00:00 GMT</pubDate>')
    expect(feed).not.toContain('<live>')
  })

  it('the news sitemap keeps only the last two days', () => {
    const now = Date.parse('2026-12-03T12:00:00Z')
    const page = {
      site,
      sections: ['news'],
      tags: [],
      articles: [
        { slug: 'fresh', title: 'Fresh', publishedAt: '2026-12-02T12:00:00Z', updatedAt: '2026-12-02T12:00:00Z' },
        { slug: 'old', title: 'Old', publishedAt: '2026-11-28T12:00:00Z', updatedAt: '2026-11-28T12:00:00Z' },
      ],
    }
    const news = newsSitemap(page, now)
    expect(news).toContain('/articles/fresh')
    expect(news).not.toContain('/articles/old')
    expect(news).toContain('<news:name>The &lt;Ledger&gt;</news:name>')
    const all = sitemap(page)
    expect(all).toContain('/articles/old')
    expect(all).toContain('<loc>https://news.example/sections/news</loc>')
  })
})

describe('what pages print', () => {
  it('ages under a day read as minutes or hours; older ones as the date', () => {
    const now = Date.parse('2026-12-02T12:00:00Z')
    expect(relativeTime(new Date(now - 20_000).toISOString(), now)).toBe('just now')
    expect(relativeTime(new Date(now - 60_000).toISOString(), now)).toBe('1 minute ago')
    expect(relativeTime(new Date(now - 4 * HOUR).toISOString(), now)).toBe('4 hours ago')
    expect(relativeTime(new Date(now - 30 * HOUR).toISOString(), now)).toBe('1 December 2026')
  })

  it('JSON-LD cannot close its script element', () => {
    expect(scriptJson({ headline: '</script><script>alert(1)</script>' })).not.toContain('</script>')
  })

  it('production’s refusal names the step to take', () => {
    expect(schemaRefusal({ ready: false, reason: 'no-schema', missing: ['a'] })).toContain('npm run migrate')
    expect(schemaRefusal({ ready: false, reason: 'behind', missing: ['20261202_reader_site'] })).toContain(
      '20261202_reader_site',
    )
    expect(schemaRefusal({ ready: false, reason: 'pushed-in-development', missing: [] })).toContain('npm run dev')
  })
})
