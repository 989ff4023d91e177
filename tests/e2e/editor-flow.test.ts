import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect } from '@jest/globals'
import type { Browser, Page } from 'playwright-core'

import { startAppServer, STARTUP_TIMEOUT, type AppServer } from '../helpers/app-server'
import { createTestDatabase } from '../helpers/database'
import { describeInBrowser, launchChromium, step } from './browser'

const EDITOR = { email: 'e2e-admin@example.com', password: 'e2e-password-1' }

let mediaDir: string
let server: AppServer
let browser: Browser
let page: Page
const currentPage = () => page

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
    browser = await launchChromium()
    page = await browser.newPage({ baseURL: server.baseURL, viewport: { width: 1440, height: 1000 } })
    page.setDefaultTimeout(60_000)
  }, STARTUP_TIMEOUT + 30_000)

  afterAll(async () => {
    await browser?.close()
    server?.kill()
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true })
  })

  step('logs in', currentPage, async () => {
    await page.goto('/admin/login', { timeout: 180_000 })
    await page.locator('input[name="email"]').fill(EDITOR.email)
    await page.locator('input[name="password"]').fill(EDITOR.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin', { timeout: 120_000 })
    await expect(page.getByRole('link', { name: /Articles/ }).first().isVisible()).resolves.toBe(true)
  })
})
