import { expect, test } from '@playwright/test'
import { Api, loginUi, suffix } from './helpers'

interface ApiKeyRow {
  id: number
  name: string
  prefix: string
  revokedAt: string | null
}

test('the owner creates an API key, sees it once, then revokes it', async ({ page, request }) => {
  const name = `E2E收银-${suffix()}`
  await loginUi(page)
  await page.getByTestId('side-menu').getByText('API 密钥').click()
  await expect(page).toHaveURL(/\/admin\/integrations\/api-keys/)

  await page.getByTestId('new-api-key').click()
  const dialog = page.getByTestId('api-key-dialog')
  await dialog.locator('input[name="apiKeyName"]').fill(name)
  await page.getByTestId('api-key-submit').click()

  const value = dialog.getByTestId('api-key-value')
  await expect(value).toHaveText(/^sk_[A-Za-z0-9_-]{20,}$/)
  const key = (await value.textContent())?.trim() ?? ''
  await expect(dialog).toContainText('只显示这一次')
  await expect(dialog.getByTestId('copy-button')).toBeVisible()

  // the key works for the open API (POST /api/events with a bad body is refused as 400, not 401)
  const probe = await request.post('/api/events', { headers: { Authorization: `Bearer ${key}` }, data: { type: 'not a type' } })
  expect(probe.status()).not.toBe(401)

  await page.getByTestId('api-key-done').click()
  await expect(dialog).toBeHidden()
  const row = page.getByTestId('api-keys-table').locator('.el-table__body tr', { hasText: name })
  await expect(row).toContainText(key.slice(0, 10))
  await expect(row).toContainText('有效')
  // never shown again
  await expect(page.getByText(key)).toHaveCount(0)
  await page.reload()
  await expect(row).toBeVisible()
  await expect(page.getByText(key)).toHaveCount(0)

  await row.getByTestId('api-key-revoke').click()
  await page.locator('.el-message-box .el-button--primary').click()
  await expect(row).toContainText('已吊销')
  const owner = await Api.login(request)
  const saved = (await owner.get<ApiKeyRow[]>('/api/api-keys')).find((k) => k.name === name)
  expect(saved?.revokedAt).toBeTruthy()
  const after = await request.post('/api/events', { headers: { Authorization: `Bearer ${key}` }, data: { type: 'not a type' } })
  expect(after.status()).toBe(401)
})
