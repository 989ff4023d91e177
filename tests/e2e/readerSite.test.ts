import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from '@jest/globals'
import type { Browser, Locator, Page } from 'playwright-core'

import { freePort } from '../../src/db/embeddedPostgres'
import { createTestDatabase } from '../helpers/database'
import { ensureProductionBuild, startInstance, type Instance } from '../helpers/productionApp'
import { describeInBrowser, forgiveProblems, launchChromium, openWatchedPage, screenshot, step } from './browser'

/**
 * The reader site as readers get it, in production mode (`npm run build && npm start`) on the seeded demo: every
 * page kind in Chromium, accessible and readable at a phone's width, comments, 404s for what is not public, a
 * follow-up reaching an older story's cached page on the very next request, and an editor's Live Preview.
 */
const ADMIN = { email: 'site-admin@example.com', password: 'site-password-1' }
const BUILD_TIMEOUT = 15 * 60_000
const MOBILE = { width: 390, height: 844 }
const AXE = path.resolve('node_modules/axe-core/axe.min.js')

let root: string
let databaseURI: string
let port: number
let instance: Instance
let browser: Browser
let page: Page
let base: string
let token: string
const currentPage = () => page

type Doc = Record<string, any> & { id: number }

async function api<T = any>(pathname: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${instance.baseURL}/api${pathname}`, {
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `JWT ${token}` } : {}),
      ...init.headers,
    },
  })
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${pathname}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}
const articleTitled = async (title: string): Promise<Doc> =>
  (await api(`/articles?where[title][equals]=${encodeURIComponent(title)}&depth=0&draft=true`)).docs[0]

/** `npm run migrate`, as the README's production steps run it. */
function migrate(): Promise<string> {
  const { NODE_ENV: _env, NODE_OPTIONS: _options, ...inherited } = process.env
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', 'migrate'], {
      env: { ...inherited, NODE_ENV: 'development', DATABASE_URI: databaseURI },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('exit', (code) => (code === 0 ? resolve(output) : reject(new Error(`migrate failed:\n${output}`))))
  })
}

/**
 * Waits (up to 15 s) until the first element of `locator` has text that contains `expected` (any text when
 * none), and returns that text (as written, before any CSS text-transform).
 */
async function shows(locator: Locator, expected?: string | RegExp, timeout = 15_000): Promise<string> {
  const deadline = Date.now() + timeout
  for (;;) {
    const text = (
      (await locator
        .first()
        .textContent({ timeout })
        .catch(() => null)) ?? ''
    ).trim()
    const matches =
      expected === undefined
        ? text !== ''
        : typeof expected === 'string'
          ? text.includes(expected)
          : expected.test(text)
    if (matches) return text
    if (Date.now() > deadline)
      throw new Error(`expected ${String(locator)} to show ${String(expected)}; it shows "${text}"`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** axe-core's serious and critical violations on the page, as `rule: target` lines. */
async function seriousViolations(): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const violations = await page.evaluate(async () => {
    const result = await (window as unknown as { axe: { run: () => Promise<any> } }).axe.run()
    return result.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]
  })
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')}`))
}

/** The page at a phone's width, saved beside the other screenshots, then back to the desktop width. */
async function atPhoneWidth(name: string) {
  const desktop = page.viewportSize()!
  await page.setViewportSize(MOBILE)
  await page.evaluate(() => document.fonts.ready)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow).toBeLessThanOrEqual(0)
  await screenshot(page, `mobile-${name}`)
  await page.setViewportSize(desktop)
}

async function visit(pathname: string) {
  const response = await page.goto(`${base}${pathname}`)
  expect(response?.status()).toBe(200)
}

/**
 * A URL that must be the site's 404 page, opened in a page of its own (the browser logs every 404 document as a
 * console error, which the watched page counts as a failure). Returns the page's HTML.
 */
async function notFoundPage(pathname: string): Promise<string> {
  const other = await browser.newPage()
  try {
    const response = await other.goto(`${base}${pathname}`)
    expect(response?.status()).toBe(404)
    expect(await shows(other.getByRole('heading', { level: 1 }), 'Page not found')).toBe('Page not found')
    return await other.content()
  } finally {
    await other.close()
  }
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'newsroom-site-'))
  await ensureProductionBuild(() => {})
  databaseURI = await createTestDatabase()
  port = await freePort()
  base = `http://localhost:${port}`
  browser = await launchChromium()
  page = await openWatchedPage(browser, { viewport: { width: 1280, height: 900 } })
}, BUILD_TIMEOUT)

afterAll(async () => {
  await browser?.close()
  await instance?.stop()
  await rm(root, { recursive: true, force: true })
})

const env = () => ({
  DATABASE_URI: databaseURI,
  PAYLOAD_SECRET: 'reader-site-test-secret-0123456789',
  SERVER_URL: base,
  MEDIA_DIR: path.join(root, 'media'),
  SEED_DEMO: 'true',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
})

describeInBrowser('the reader site, in production mode', () => {
  it('refuses to start on a database without the schema, saying to run npm run migrate', async () => {
    await expect(startInstance('unmigrated', port, env())).rejects.toThrow(/Not starting: .*npm run migrate/)
  }, 120_000)

  it('starts once the migrations are applied, and seeds the demo', async () => {
    await migrate()
    instance = await startInstance('site', port, env())
    token = (await api('/users/login', { method: 'POST', body: JSON.stringify(ADMIN) })).token
    expect((await api('/articles?limit=1')).totalDocs).toBeGreaterThan(30)
  }, 300_000)

  step('the front page: a lead story and the latest per section, accessible', currentPage, async () => {
    await visit('/')
    expect(await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').count()).toBe(5)
    expect(await page.locator('.teaser-lead .teaser-title').innerText()).not.toBe('')
    expect(await page.locator('.section-block h2').allInnerTexts()).toEqual(
      expect.arrayContaining(['NEWS', 'POLITICS', 'SPORT']),
    )
    expect(await seriousViolations()).toEqual([])
    await atPhoneWidth('front page')
  })

  const RIVER = 'River Sell bursts its banks as Northgate is evacuated'
  step('an article page shows everything a news article page shows, in the HTML itself', currentPage, async () => {
    const river = await articleTitled(RIVER)
    const html = await (await fetch(`${instance.baseURL}/articles/${river.slug}`)).text()
    for (const text of [RIVER, 'A night of warnings', 'We have never seen the water come up this fast.'])
      expect(html).toContain(text)
    expect(html).toContain('"@type":"NewsArticle"')
    expect(html).toContain(`<link rel="canonical" href="${base}/articles/${river.slug}"/>`)
    expect(html).toContain('<meta property="og:image"')

    await visit(`/articles/${river.slug}`)
    expect(await shows(page.locator('.article-header .label'), 'Floods')).toBe('Floods')
    expect(await shows(page.getByRole('heading', { level: 1 }), RIVER)).toBe(RIVER)
    await shows(page.locator('.standfirst'), 'Hundreds of homes')
    await shows(page.locator('.byline'), 'By Tomas Ferreira')
    await shows(page.locator('.byline'), 'Published')
    await shows(page.locator('.dateline'), 'NORTHGATE')
    expect(await page.locator('.lead-picture img').getAttribute('alt')).toBe('Flood water covering a riverside street')
    await shows(page.locator('.lead-picture figcaption'), 'The River Sell at its highest point.')
    expect(await shows(page.locator('.lead-picture .credit'), 'Newsroom graphics')).toBe('Newsroom graphics')
    expect(await shows(page.locator('.article-body h2'), 'A night of warnings')).toBe('A night of warnings')
    await shows(page.locator('.article-body blockquote'), 'never seen the water')
    await shows(page.locator('.corrections'), 'it rose just over two')
    await shows(page.getByRole('navigation', { name: 'In this article' }).getByRole('link'), 'Northgate floods')
    await page.getByRole('heading', { name: 'More on The Newsroom' }).waitFor()
    const card = page.locator('.more-on .teaser').first()
    await shows(card.locator('.label'))
    await shows(card.locator('.teaser-title'))
    await shows(card.locator('.teaser-standfirst'))
    await shows(card.locator('time'), /ago$|\d{4}$/)
    await page.getByRole('heading', { name: /^Comments/ }).waitFor()
    expect(await seriousViolations()).toEqual([])
    await atPhoneWidth('article page')
  })

  step('a tag page: “More on <tag>”, newest first, with its feed', currentPage, async () => {
    await page
      .getByRole('navigation', { name: 'In this article' })
      .getByRole('link', { name: 'Northgate floods' })
      .click()
    expect(await shows(page.getByRole('heading', { level: 1 }), 'More on Northgate floods')).toBe(
      'More on Northgate floods',
    )
    const times = await page
      .locator('.teaser time')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('datetime')!))
    expect(times.length).toBeGreaterThan(3)
    expect([...times].sort().reverse()).toEqual(times)
    const feed = await fetch(`${instance.baseURL}/tags/northgate-floods/feed.xml`)
    expect(feed.headers.get('content-type')).toContain('application/rss+xml')
    expect(await feed.text()).toContain('<title>More on Northgate floods | The Newsroom</title>')
    // Reached by a click, the page's title is set after its content shows: axe would read a page without one.
    await page.waitForFunction(() => document.title.startsWith('More on Northgate floods'))
    expect(await seriousViolations()).toEqual([])
    await atPhoneWidth('tag page')
  })

  step('a section page, paginated', currentPage, async () => {
    await visit('/sections/news')
    expect(await shows(page.getByRole('heading', { level: 1 }), 'News')).toBe('News')
    await shows(page.locator('.pagination'), 'Page 1 of 2')
    await page.getByRole('link', { name: 'Older stories' }).click()
    await shows(page.locator('.pagination'), 'Page 2 of 2')
    expect(await seriousViolations()).toEqual([])
    await atPhoneWidth('section page')
    await notFoundPage('/sections/news?page=9')
  })

  step('the feeds, the sitemaps and robots.txt', currentPage, async () => {
    const text = async (pathname: string, type: string) => {
      const response = await fetch(`${instance.baseURL}${pathname}`)
      expect({ pathname, status: response.status }).toEqual({ pathname, status: 200 })
      expect(response.headers.get('content-type')).toContain(type)
      return response.text()
    }
    const budget = await articleTitled('Budget debate: Raman sets aside money for flood defences')
    const river = await articleTitled(RIVER)
    const feed = await text('/feed.xml', 'application/rss+xml')
    expect(feed).toContain(`<link>${base}/articles/${budget.slug}</link>`)
    expect(await text('/sections/politics/feed.xml', 'application/rss+xml')).toContain(budget.title)
    const sitemap = await text('/sitemap.xml', 'application/xml')
    expect(sitemap).toContain(`<loc>${base}/articles/${river.slug}</loc>`)
    expect(sitemap).not.toContain('inside-the-flood-relief-fund')
    const news = await text('/news-sitemap.xml', 'application/xml')
    expect(news).toContain(`/articles/${budget.slug}`)
    expect(news).not.toContain(`/articles/${river.slug}`)
    const robots = await text('/robots.txt', 'text/plain')
    expect(robots).toContain('Disallow: /admin')
    expect(robots).toContain(`Sitemap: ${base}/news-sitemap.xml`)
  })

  step(
    'posting a comment: field errors, the pending notice, and a kind word when posting too fast',
    currentPage,
    async () => {
      const budget = await articleTitled('Budget debate: Raman sets aside money for flood defences')
      await visit(`/articles/${budget.slug}`)
      const form = page.locator('.comment-form')
      await form.getByLabel('Name').fill('Ada Reader')
      await form.getByLabel('Email').fill('not-an-email')
      await form.getByLabel('Comment').fill('Thank you for the clear account of the night.')
      await form.getByRole('button', { name: 'Post comment' }).click()
      expect(await shows(form.locator('#authorEmail-error'), 'authorEmail must be a valid email address')).toBe(
        'authorEmail must be a valid email address',
      )
      await form.getByLabel('Email').fill('ada.reader@example.com')
      await form.getByRole('button', { name: 'Post comment' }).click()
      await shows(form.getByRole('status'), 'awaiting moderation')
      expect(await form.getByLabel('Comment').inputValue()).toBe('')
      expect(await form.getByLabel('Name').inputValue()).toBe('Ada Reader')
      // The refused first try, logged by the browser: what this step provoked.
      forgiveProblems(page, /api\/comments\): Failed to load resource: the server responded with a status of 400/)
      // Four more from the same email in the same minute reach the per-email limit; the form's next post is refused.
      for (let index = 0; index < 4; index++) {
        const posted = await fetch(`${instance.baseURL}/api/comments`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            article: budget.id,
            authorName: 'Ada Reader',
            authorEmail: 'ada.reader@example.com',
            body: `More ${index}`,
          }),
        })
        expect(posted.status).toBe(201)
      }
      await form.getByLabel('Comment').fill('And one more thought.')
      await form.getByRole('button', { name: 'Post comment' }).click()
      await shows(form.getByRole('status'), 'commenting a little fast')
      expect(await form.getByLabel('Comment').inputValue()).toBe('And one more thought.')
      forgiveProblems(page, /api\/comments\): Failed to load resource: the server responded with a status of 429/)
    },
  )

  step('a draft’s URL and an unknown one are 404 pages that show nothing of the draft', currentPage, async () => {
    const draft = await articleTitled('Inside the flood relief fund: who gets what')
    expect(draft._status).toBe('draft')
    expect(await notFoundPage(`/articles/${draft.slug}`)).not.toContain('flood relief fund')
    await notFoundPage('/articles/no-such-story')
    const preview = await fetch(`${instance.baseURL}/preview?id=${draft.id}`, { redirect: 'manual' })
    expect(preview.status).toBe(404)
    expect(await preview.text()).not.toContain('flood relief')
  })

  step(
    'a follow-up published through the API is on the older story’s cached page at the very next request',
    currentPage,
    async () => {
      const older = await articleTitled('Weather office defends its flood warning for the Sell valley')
      const pageOf = async () => (await fetch(`${instance.baseURL}/articles/${older.slug}`)).text()
      await pageOf()
      expect(await pageOf()).not.toContain('Weather office to review')
      const section = (await api('/sections?where[slug][equals]=news')).docs[0]
      await api('/articles', {
        method: 'POST',
        body: JSON.stringify({
          title: 'Weather office to review its Sell valley warnings',
          standfirst: 'An independent panel will look at the night of the flood.',
          section: section.id,
          tags: older.tags,
          _status: 'published',
        }),
      })
      expect(await pageOf()).toContain('Weather office to review its Sell valley warnings')
      await visit(`/articles/${older.slug}`)
      await shows(page.locator('.more-on'), 'Weather office to review its Sell valley warnings')
    },
  )

  step('an editor’s Live Preview shows the unsaved headline at once', currentPage, async () => {
    await visit('/admin/login')
    await page.getByLabel('Email').fill(ADMIN.email)
    await page.getByLabel('Password').fill(ADMIN.password)
    await page.getByRole('button', { name: 'Login' }).click()
    await page.waitForURL(/\/admin$/)
    const river = await articleTitled(RIVER)
    await visit(`/admin/collections/articles/${river.id}`)
    await page.getByRole('button', { name: /live preview/i }).click()
    const preview = page.frameLocator('#live-preview-iframe')
    expect(await shows(preview.getByRole('heading', { level: 1 }), RIVER, 30_000)).toBe(RIVER)
    await page.locator('#field-title').fill('River Sell bursts its banks (unsaved headline)')
    const unsaved = 'River Sell bursts its banks (unsaved headline)'
    expect(await shows(preview.getByRole('heading', { level: 1 }), unsaved)).toBe(unsaved)
    await preview.locator('.preview-banner').waitFor()
    // Nothing was saved: readers still read the published headline.
    expect(await (await fetch(`${instance.baseURL}/articles/${river.slug}`)).text()).toContain(RIVER)
    // Leaving the preview turns draft mode off: the frame shows the published page.
    await preview.getByRole('link', { name: 'Leave the preview' }).click()
    expect(await shows(preview.getByRole('heading', { level: 1 }), RIVER)).toBe(RIVER)
    expect(await shows(preview.locator('.footer'), 'RSS feed')).toContain('RSS feed')
    expect(await preview.locator('.preview-banner').count()).toBe(0)
  })
})
