import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect } from '@jest/globals'
import type { Browser, Locator, Page } from 'playwright-core'

import { startAppServer, STARTUP_TIMEOUT, type AppServer } from '../helpers/appServer'
import { createTestDatabase } from '../helpers/database'
import { describeInBrowser, launchChromium, openWatchedPage, screenshot, step } from './browser'

const EDITOR = { email: 'e2e-admin@example.com', password: 'e2e-password-1' }
const HEADLINE = 'Harbour viaduct vote delayed as Port Alder asks for time'

let mediaDir: string
let server: AppServer
let browser: Browser
let page: Page
let articleId: number
/** A demo article whose comments wait for a moderator. */
let preModerated: number
let waitingComment: Doc
let scheduledDraft: string
let staffToken: string
const currentPage = () => page

type Doc = Record<string, unknown> & { id: number }

async function api<T = Record<string, unknown>>(pathname: string, init?: RequestInit): Promise<T> {
  const response = await fetch(server.url(`/api${pathname}`), {
    ...init,
    headers: { 'content-type': 'application/json', ...init?.headers },
  })
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${pathname}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** How many comments match, as staff see them. */
async function commentsWhere(query: string): Promise<number> {
  return (
    await api<{ totalDocs: number }>(`/comments?${query}&limit=1`, { headers: { authorization: `JWT ${staffToken}` } })
  ).totalDocs
}
const pendingCount = () => commentsWhere('where[status][equals]=pending')
const reportedCount = () => commentsWhere('where[reportCount][greater_than]=0&where[status][in]=pending,approved')
/** The number a dashboard card shows. */
const cardNumber = async (testId: string) => Number((await page.getByTestId(testId).innerText()).match(/^\d+/)![0])

/** The block readers get from the REST API, as titles in order. */
const readersBlock = async (id: number) =>
  (await api<{ docs: Doc[] }>(`/articles/${id}/more-on`)).docs.map((card) => card.title)

const panel = () => page.getByTestId('more-on-panel')
const panelItems = () => panel().getByTestId('more-on-item')
const panelTitles = () => panelItems().locator('a').allTextContents()

/** Picks an option in one of Payload's select or relationship inputs, typing to search first. */
async function choose(field: Locator, search: string, option: string | RegExp) {
  await field.locator('.rs__control').click()
  if (search) await page.keyboard.type(search)
  await page.locator('.rs__option', { hasText: option }).first().click()
}

/**
 * Drags a chip of a sortable relationship field onto the place of another, the way a hand does: press, nudge past the
 * drag threshold, glide, pause, release (the sortable list measures on animation frames, so it needs the pauses).
 */
async function dragOnto(source: Locator, target: Locator) {
  await target.scrollIntoViewIfNeeded()
  const from = (await source.boundingBox())!
  const to = (await target.boundingBox())!
  const start = { x: from.x + 10, y: from.y + from.height / 2 }
  await page.mouse.move(start.x, start.y)
  await page.mouse.down()
  await page.mouse.move(start.x + 10, start.y, { steps: 5 })
  await page.waitForTimeout(150)
  await page.mouse.move(to.x + to.width / 4, to.y + to.height / 2, { steps: 25 })
  await page.waitForTimeout(250)
  await page.mouse.up()
}

/**
 * Clicks a link or button that navigates on the client, until the address matches: a click that lands before React
 * has attached its handlers (the dev server compiles on demand) does nothing.
 */
async function clickUntilAddress(target: Locator, address: RegExp) {
  for (let attempt = 1; ; attempt++) {
    await target.click()
    try {
      await page.waitForURL(address, { timeout: 15_000 })
      return
    } catch (error) {
      if (attempt === 4) throw error
    }
  }
}

async function postReaderComment(article: number, body: string): Promise<Doc> {
  const { doc } = await api<{ doc: Doc }>('/comments', {
    method: 'POST',
    body: JSON.stringify({ article, authorName: 'Ada Reader', authorEmail: 'ada@example.com', body }),
  })
  return doc
}

describeInBrowser('an editor in the admin panel', () => {
  beforeAll(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'newsroom-e2e-media-'))
    server = await startAppServer({
      DATABASE_URI: await createTestDatabase(),
      MEDIA_DIR: mediaDir,
      SEED_DEMO: 'true',
      ADMIN_EMAIL: EDITOR.email,
      ADMIN_PASSWORD: EDITOR.password,
    })
    staffToken = (await api<{ token: string }>('/users/login', { method: 'POST', body: JSON.stringify(EDITOR) })).token
    browser = await launchChromium()
    page = await openWatchedPage(browser, {
      baseURL: server.baseURL,
      viewport: { width: 1440, height: 1000 },
      timezoneId: 'UTC',
    })
    page.setDefaultTimeout(60_000)
  }, STARTUP_TIMEOUT + 30_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill()
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true })
  })

  step('logs in and sees the moderation card on the dashboard', currentPage, async () => {
    const { docs } = await api<{ docs: Doc[] }>('/articles?where[discussion.moderation][equals]=pre&limit=1&depth=0')
    preModerated = docs[0]!.id
    waitingComment = await postReaderComment(preModerated, 'Waiting for a moderator before anyone sees it.')
    await page.goto('/admin/login', { timeout: 180_000 })
    await page.locator('input[name="email"]').fill(EDITOR.email)
    await page.locator('input[name="password"]').fill(EDITOR.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin', { timeout: 120_000 })
    await page.getByTestId('pending-comments').waitFor()
    expect(await cardNumber('pending-comments')).toBe(await pendingCount())
    expect(await pendingCount()).toBeGreaterThanOrEqual(1)
  })

  step('writes an article, tags it with an existing tag and a new one made inline', currentPage, async () => {
    await page.goto('/admin/collections/articles/create', { timeout: 180_000 })
    await page.locator('#field-title').fill(HEADLINE)
    await page.locator('#field-standfirst').fill('Councillors want a month to study the Harbourline Rail plans.')
    await choose(page.locator('#field-section'), '', 'Business')
    const tags = page.locator('#field-tags')
    await choose(tags, 'harbourline', 'Harbourline Rail')

    await page.getByRole('button', { name: 'Add new Tag' }).click()
    const drawer = page.locator('.drawer--is-open').last()
    await drawer.locator('#field-name').fill('Viaduct inquiry')
    await choose(drawer.locator('#field-kind'), '', 'Event')
    await drawer.locator('#action-save').click()
    await expect(tags.getByText('Viaduct inquiry').waitFor()).resolves.toBeUndefined()
    await drawer.locator('.doc-drawer__header-close').click()
    await drawer.waitFor({ state: 'detached' })
  })

  step('is offered the existing tag when a new tag’s name is a near-duplicate', currentPage, async () => {
    await page.getByRole('button', { name: 'Add new Tag' }).click()
    const drawer = page.locator('.drawer--is-open').last()
    await drawer.locator('#field-name').fill('port alder')
    const offer = drawer.getByTestId('tag-name-check')
    await expect(offer.getByRole('alert').innerText()).resolves.toContain('“Port Alder” (place) already exists')
    await screenshot(page, 'the existing tag offered for a near-duplicate name')
    await offer.getByRole('button', { name: 'Use “Port Alder”' }).click()
    const tags = page.locator('#field-tags')
    await expect(tags.getByText('Port Alder', { exact: true }).waitFor()).resolves.toBeUndefined()
    await expect(page.locator('.drawer--is-open').count()).resolves.toBe(0)
  })

  step('is offered the existing tags its text names, and adds one with a click', currentPage, async () => {
    await page
      .locator('#field-standfirst')
      .fill('Councillors want a month to study the Harbourline Rail plans, which Raman will not fund yet.')
    const suggestions = page.getByTestId('tag-suggestions')
    const raman = suggestions.getByTestId('tag-suggestion').filter({ hasText: 'Priya Raman' })
    await raman.waitFor()
    // The tags the article has are not offered again.
    await expect(suggestions.innerText()).resolves.not.toMatch(/Harbourline Rail|Port Alder/)
    await screenshot(page, 'tag suggestions under the tag field')
    await raman.click()
    await page.locator('#field-tags').getByText('Priya Raman', { exact: true }).waitFor()
    await raman.waitFor({ state: 'detached' })
  })

  step('publishes, and the panel shows the block readers get, with the shared tags', currentPage, async () => {
    await expect(panel().innerText()).resolves.toContain('Save the story to see its related stories')
    await page.locator('#action-save').click()
    await page.waitForURL(/\/admin\/collections\/articles\/\d+$/)
    articleId = Number(page.url().split('/').pop())
    await panelItems().first().waitFor()
    await panel().scrollIntoViewIfNeeded()
    const titles = await panelTitles()
    expect(titles).toEqual(await readersBlock(articleId))
    const demoTitle = 'Port Alder fishermen fear harbour viaduct will block their boats'
    expect(titles).toContain(demoTitle)
    const demoStory = panelItems().filter({ hasText: demoTitle })
    await expect(demoStory.getByText('Harbourline Rail', { exact: true }).getAttribute('title')).resolves.toMatch(
      /^organisation, adds \d+\.\d\d to the score$/,
    )
    await expect(demoStory.getByText('Port Alder', { exact: true }).isVisible()).resolves.toBe(true)
    await demoStory.getByText('Why').click()
    await expect(demoStory.locator('details').innerText()).resolves.toMatch(/Port Alder \(place\): \+\d+\.\d\d/)
  })

  step('pins one story and excludes another, and the block changes after publishing', currentPage, async () => {
    const before = await panelTitles()
    expect(before.length).toBeGreaterThanOrEqual(3)
    const [excluded, , ...rest] = before
    const pinned = rest.at(-1)!
    await panelItems().filter({ hasText: pinned }).getByRole('button', { name: 'Pin' }).click()
    await panelItems().filter({ hasText: excluded }).getByRole('button', { name: 'Exclude' }).click()
    await expect(panelItems().filter({ hasText: excluded }).innerText()).resolves.toContain('Excluded: save to apply.')
    await page.locator('#action-save').click()
    await panel().locator('[data-testid="more-on-item"][data-origin="pinned"]').waitFor()
    await expect(panelItems().first().getAttribute('data-origin')).resolves.toBe('pinned')
    await panel().scrollIntoViewIfNeeded()
    const after = await panelTitles()
    expect(after[0]).toBe(pinned)
    expect(after).not.toContain(excluded)
    expect(after).toEqual(await readersBlock(articleId))
    await expect(panelItems().first().innerText()).resolves.toContain('Pinned')
  })

  step('reorders the pins by dragging them, and the block follows', currentPage, async () => {
    const [first, second] = await panelTitles()
    await panelItems().filter({ hasText: second }).getByRole('button', { name: 'Pin' }).click()
    const pinnedField = page.locator('#field-moreOn__pinned')
    await pinnedField.getByText(second!).waitFor()
    const chips = pinnedField.locator('.rs__multi-value')
    expect(await chips.allInnerTexts()).toEqual([first, second])
    // A drag that slips (as one by hand can) is tried again, up to three times.
    for (let attempt = 0; attempt < 3 && (await chips.first().innerText()) !== second; attempt++) {
      await dragOnto(chips.nth(1), chips.nth(0))
      await chips
        .first()
        .filter({ hasText: second })
        .waitFor({ timeout: 3_000 })
        .catch(() => undefined)
    }
    expect(await chips.allInnerTexts()).toEqual([second, first])
    // The form counts as changed a moment after the drop; until then the publish button is disabled and a click is
    // lost.
    await page.locator('#action-save:not([disabled])').waitFor()
    await page.locator('#action-save').click()
    await panel().locator('[data-testid="more-on-item"][data-origin="pinned"]').nth(1).waitFor()
    await panel().scrollIntoViewIfNeeded()
    expect((await panelTitles()).slice(0, 2)).toEqual([second, first])
    expect(await readersBlock(articleId)).toEqual(await panelTitles())
  })

  step('says why a draft’s block is empty', currentPage, async () => {
    const token = (await api<{ token: string }>('/users/login', { method: 'POST', body: JSON.stringify(EDITOR) })).token
    const { docs } = await api<{ docs: Doc[] }>('/articles?where[_status][equals]=draft&limit=1&depth=0&draft=true', {
      headers: { authorization: `JWT ${token}` },
    })
    scheduledDraft = docs[0]!.title as string
    await page.goto(`/admin/collections/articles/${docs[0]!.id}`)
    const empty = panel().getByTestId('more-on-empty')
    await expect(empty.getAttribute('data-reason')).resolves.toBe('not-published')
    await expect(empty.innerText()).resolves.toContain('Not published')
  })

  step('schedules the draft with Payload’s scheduled publishing, and the panel says so', currentPage, async () => {
    await page.locator('#action-save-popup .popup-button').click()
    await page.getByText('Schedule Publish').click()
    const drawer = page.locator('.drawer--is-open').last()
    await drawer.getByText('Publish', { exact: true }).click()
    await drawer.locator('#time input').fill(`Dec 24, ${new Date().getFullYear() + 1} 9:00 AM`)
    await page.keyboard.press('Enter')
    await drawer.locator('#scheduled-publish-save').click()
    await page.getByText('Scheduled successfully').waitFor()
    await page.reload()
    const empty = panel().getByTestId('more-on-empty')
    await expect(empty.getAttribute('data-reason')).resolves.toBe('scheduled')
    await expect(empty.innerText()).resolves.toContain(`Scheduled for ${new Date().getFullYear() + 1}-12-24`)
  })

  step('approves a pending comment from the queue, and the article’s count goes up', currentPage, async () => {
    const countBefore = (await api<Doc>(`/articles/${preModerated}?depth=0`)).commentCount as number
    await page.goto('/admin/collections/comments')
    const row = page.locator('tr', { hasText: 'Waiting for a moderator' })
    await expect(row.getByTestId('comment-status').innerText()).resolves.toBe('Pending')
    await row.getByRole('button', { name: 'Approve' }).click()
    await row.waitFor({ state: 'detached' })
    expect((await api<Doc>(`/articles/${preModerated}?depth=0`)).commentCount).toBe(countBefore + 1)
    await page.goto(`/admin/collections/articles/${preModerated}`)
    await expect(page.locator('#field-commentCount').inputValue()).resolves.toBe(String(countBefore + 1))
  })

  step('rejects several comments at once', currentPage, async () => {
    await postReaderComment(preModerated, 'First of two for the bin.')
    await postReaderComment(preModerated, 'Second of two for the bin.')
    await page.goto('/admin')
    const pendingBefore = await cardNumber('pending-comments')
    await clickUntilAddress(page.getByTestId('pending-comments'), /\/collections\/comments\?/)
    for (const text of ['First of two', 'Second of two'])
      await page.locator('tr', { hasText: text }).locator('input[type="checkbox"]').check()
    await page.getByRole('button', { name: 'Reject selected' }).click()
    await page.locator('tr', { hasText: 'of two for the bin' }).first().waitFor({ state: 'detached' })
    await page.goto('/admin')
    expect(await cardNumber('pending-comments')).toBe(pendingBefore - 2)
  })

  step('sees a reported comment on the dashboard and opens the list of reported comments', currentPage, async () => {
    await api(`/comments/${waitingComment.id}/report`, { method: 'POST', body: JSON.stringify({ reason: 'abuse' }) })
    await page.goto('/admin')
    const reported = await reportedCount()
    expect(await cardNumber('reported-comments')).toBe(reported)
    await clickUntilAddress(page.getByTestId('reported-comments'), /sort=-reportCount/)
    const rows = page.locator('tbody tr')
    await rows.filter({ hasText: 'Waiting for a moderator' }).waitFor()
    await expect(rows.count()).resolves.toBe(reported)
  })

  step(
    'lists articles with their status, sortable by comment count, and tags with their published articles',
    currentPage,
    async () => {
      await page.goto('/admin/collections/articles?limit=100')
      const headers = await page.locator('thead th').allInnerTexts()
      expect(headers.map((header) => header.trim())).toEqual(
        expect.arrayContaining(['Headline', 'Section', 'Status', 'Published At', 'Comment Count']),
      )
      const statuses = await page.getByTestId('article-status').allTextContents()
      expect(new Set(statuses)).toEqual(new Set(['Draft', 'Scheduled', 'Published']))
      await expect(
        page.locator('tr', { hasText: scheduledDraft }).getByTestId('article-status').innerText(),
      ).resolves.toBe('Scheduled')
      await clickUntilAddress(
        page.getByRole('button', { name: 'Sort by Comment Count Descending' }),
        /sort=-commentCount/,
      )
      // The table is drawn again from the server: wait for it to show the new order, then check it.
      await page
        .waitForFunction(() => {
          const counts = [...document.querySelectorAll('tbody tr td:last-child')].map((cell) =>
            Number(cell.textContent),
          )
          return counts.length > 0 && counts.every((count, index) => index === 0 || counts[index - 1]! >= count)
        })
        .catch(() => undefined)
      const counts = (await page.locator('tbody tr td:last-child').allInnerTexts()).map(Number)
      expect(counts[0]).toBeGreaterThan(0)
      expect(counts).toEqual([...counts].sort((a, b) => b - a))

      await page.goto('/admin/collections/tags?limit=100')
      await expect(page.locator('thead').innerText()).resolves.toContain('Published articles')
      const viaduct = page.locator('tr', { hasText: 'Viaduct inquiry' })
      await expect(viaduct.locator('td').last().innerText()).resolves.toBe('1')
    },
  )
})
