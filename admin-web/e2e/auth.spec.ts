import { expect, test } from '@playwright/test'
import { ADMIN, loginUi } from './helpers'

test('a wrong password shows an error and stays on the login page', async ({ page }) => {
  await page.goto('/admin/login')
  await page.locator('input[name="username"]').fill(ADMIN.username)
  await page.locator('input[name="password"]').fill(`${ADMIN.password}-wrong`)
  await page.locator('button[type="submit"]').click()
  await expect(page.getByTestId('login-error')).toBeVisible()
  await expect(page.getByTestId('login-error')).not.toHaveText('')
  await expect(page).toHaveURL(/\/admin\/login/)
})

test('the right password reaches the members list', async ({ page }) => {
  await loginUi(page)
  await expect(page.getByTestId('side-menu')).toContainText('会员列表')
  await expect(page.getByTestId('members-table').locator('.el-table__body tr').first()).toBeVisible()
})

test('an anonymous visit is sent to login and comes back after it', async ({ page }) => {
  await page.goto('/admin/tags')
  await expect(page).toHaveURL(/\/admin\/login\?redirect=/)
  await page.locator('input[name="username"]').fill(ADMIN.username)
  await page.locator('input[name="password"]').fill(ADMIN.password)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/tags$/)
  await expect(page.getByTestId('tags-table')).toBeVisible()
})

test('switching the language to English changes the labels', async ({ page }) => {
  await loginUi(page)
  const menu = page.getByTestId('side-menu')
  await expect(menu).toContainText('标签管理')
  await expect(page.getByTestId('filter-search')).toHaveText('查询')
  await expect(page).toHaveTitle('会员列表 · SCRM 管理后台')

  await page.getByTestId('lang-switch').click()
  await page.locator('.el-dropdown-menu__item:visible', { hasText: 'English' }).click()

  await expect(menu).toContainText('Members')
  await expect(menu).toContainText('Tags')
  await expect(menu).not.toContainText('会员列表')
  await expect(page.getByTestId('filter-search')).toHaveText('Search')
  await expect(page.getByTestId('members-total')).toContainText('in total')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page).toHaveTitle('Members · SCRM Admin')

  // the choice survives a reload
  await page.reload()
  await expect(menu).toContainText('Members')
})

test('an expired access token is refreshed with rotation, without leaving the page', async ({ page, request }) => {
  await loginUi(page)
  const before = await page.evaluate(() => localStorage.getItem('scrm.admin.refreshToken'))
  expect(before).toBeTruthy()
  // what an expired token looks like to the server: not valid any more
  await page.evaluate(() => localStorage.setItem('scrm.admin.accessToken', 'expired.token.value'))
  await page.reload()

  await expect(page).toHaveURL(/\/admin\/members/)
  await expect(page.getByTestId('members-table').locator('.el-table__body tr').first()).toBeVisible()
  const after = await page.evaluate(() => ({
    access: localStorage.getItem('scrm.admin.accessToken'),
    refresh: localStorage.getItem('scrm.admin.refreshToken'),
  }))
  expect(after.access).not.toBe('expired.token.value')
  expect(after.refresh).toBeTruthy()
  expect(after.refresh).not.toBe(before)

  // rotation: the old refresh token is dead
  const reuse = await request.post('/api/auth/refresh', { data: { refreshToken: before } })
  expect(reuse.status()).toBe(401)
})

test('logging out returns to the login page and protects the app again', async ({ page }) => {
  await loginUi(page)
  await page.getByTestId('user-menu').click()
  await page.getByTestId('logout').click()
  await expect(page).toHaveURL(/\/admin\/login/)
  await page.goto('/admin/members')
  await expect(page).toHaveURL(/\/admin\/login\?redirect=/)
})
