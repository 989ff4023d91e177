import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from '@jest/globals'
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'

/** Debian's Chromium (apt-get install chromium), or the browser CHROMIUM_PATH names. Nothing is ever downloaded. */
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
export const screenshotDir = path.resolve('tests/e2e/screenshots')

const missingBrowserNotice = (headline: string) =>
  [
    '',
    '='.repeat(100),
    `  ${headline}: no Chromium at ${chromiumPath}.`,
    '  Install it with `sudo apt-get install chromium` (Debian/Ubuntu),',
    '  or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    '  Set REQUIRE_BROWSER=1 to make a missing browser fail the run instead (CI does).',
    '='.repeat(100),
    '',
  ].join('\n')

function browserIsAvailable(): boolean {
  if (existsSync(chromiumPath)) return true
  if (process.env.REQUIRE_BROWSER === '1')
    throw new Error(missingBrowserNotice('BROWSER TESTS FAILED (REQUIRE_BROWSER=1)'))
  console.warn(missingBrowserNotice('BROWSER TESTS SKIPPED'))
  return false
}

/**
 * `describe` when Chromium is here; otherwise the suite is skipped with a loud notice (or fails with
 * REQUIRE_BROWSER=1).
 */
export const describeInBrowser = browserIsAvailable() ? describe : describe.skip

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    // The machine's network is closed: without these Chromium keeps trying to reach Google's services.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

const fileName = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(screenshotDir, { recursive: true })
  await page.screenshot({ path: path.join(screenshotDir, `${fileName(name)}.png`), fullPage: true })
}

const problems = new WeakMap<Page, string[]>()

/** A new page that records what goes wrong on it: uncaught errors and console errors (each step fails on one). */
export async function openWatchedPage(browser: Browser, options: BrowserContextOptions): Promise<Page> {
  const page = await browser.newPage(options)
  const seen: string[] = []
  problems.set(page, seen)
  page.on('pageerror', (error) => seen.push(`page error: ${error.message}`))
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const { url } = message.location()
    seen.push(`console error on ${page.url()}${url && url !== page.url() ? ` (from ${url})` : ''}: ${message.text()}`)
  })
  return page
}

/**
 * Drops the problems recorded so far that match `expected`: what a step provokes on purpose (a refused request the
 * page answers, which the browser logs as a console error). Every other problem still fails the step.
 */
export function forgiveProblems(page: Page, expected: RegExp): void {
  const seen = problems.get(page)
  if (!seen) return
  const kept = seen.filter((problem) => !expected.test(problem))
  seen.splice(0, seen.length, ...kept)
}

/** What the page reported going wrong since the last look, and what Next.js's development overlay shows. */
async function problemsOn(page: Page): Promise<string[]> {
  const reported = problems.get(page)?.splice(0) ?? []
  // The overlay lives in an open shadow root, which Playwright's CSS locators enter.
  const issues = page.locator('[data-nextjs-dev-tools-button][data-issues], [data-issues-count]')
  const dialog = page.locator('[data-nextjs-dialog]')
  if ((await issues.count()) > 0) reported.push(`Next.js overlay: ${(await issues.first().innerText()).trim()}`)
  if ((await dialog.count()) > 0) reported.push(`Next.js error dialog: ${(await dialog.first().innerText()).trim()}`)
  return reported
}

/**
 * A step of a browser flow: saves a screenshot when it passes, and one named `FAILED-…` at the moment it fails. It
 * fails too when the page had an uncaught error or a console error, or Next.js's overlay shows an issue.
 */
export function step(name: string, page: () => Page, run: () => Promise<void>, timeout = 180_000): void {
  it(
    name,
    async () => {
      try {
        await run()
        // Let the page settle (drawn data, relationship labels) so the screenshot shows what the step left.
        await page()
          .waitForLoadState('networkidle', { timeout: 5_000 })
          .catch(() => undefined)
        expect(await problemsOn(page())).toEqual([])
      } catch (error) {
        await screenshot(page(), `FAILED-${name}`).catch(() => undefined)
        throw error
      }
      await screenshot(page(), name)
    },
    timeout,
  )
}
