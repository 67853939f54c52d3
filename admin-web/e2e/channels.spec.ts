import { expect, test } from '@playwright/test'
import { Api, loginUi, newUser, randomAppId, suffix } from './helpers'

interface ChannelRow {
  id: number
  appId: string | null
  callbackUrl: string
  secrets: Record<string, { set: boolean; hint: string | null }>
  lastTestResult: string | null
}

test('the owner creates an OA account, sees its callback URL and tests the connection', async ({ page, request }) => {
  const appId = randomAppId()
  const name = `E2E服务号-${suffix()}`
  const secret = `Secret${suffix()}`
  await loginUi(page)
  await page.getByTestId('side-menu').getByText('渠道账号').click()
  await expect(page).toHaveURL(/\/admin\/channels/)

  await page.getByTestId('new-channel').click()
  const dialog = page.getByTestId('channel-dialog')
  await expect(dialog.getByTestId('channel-type')).toContainText('公众号')
  await dialog.locator('input[name="channelName"]').fill(name)
  await dialog.locator('input[name="appId"]').fill(appId)
  await dialog.locator('input[name="secret"]').fill(secret)
  await dialog.locator('input[name="token"]').fill(`tok${suffix()}`)
  await page.getByTestId('channel-dialog-submit').click()

  // the callback URL to paste into the WeChat console, right after saving
  const created = dialog.getByTestId('created-callback-url')
  await expect(created).toContainText(`/wechat/oa/${appId}/callback`)
  await page.getByTestId('channel-dialog-done').click()
  await expect(dialog).toBeHidden()

  const row = page.getByTestId('channels-table').locator('.el-table__body tr', { hasText: appId })
  await expect(row).toContainText(name)
  await expect(row.getByTestId('channel-callback-url')).toContainText(`/wechat/oa/${appId}/callback`)
  // the secret itself is never shown, only that it is stored
  await expect(row).toContainText('AppSecret')
  await expect(page.getByText(secret)).toHaveCount(0)
  await expect(row.getByTestId('channel-test-result')).toContainText('未测试')

  await row.getByTestId('channel-test').click()
  await expect(row.getByTestId('channel-test-result')).toContainText('成功')
  await expect(page.locator('.el-message--success').filter({ hasText: '连接成功' })).toBeVisible()

  const owner = await Api.login(request)
  const saved = (await owner.get<ChannelRow[]>('/api/channels')).find((c) => c.appId === appId)
  expect(saved?.lastTestResult).toMatch(/^ok/)
  expect(JSON.stringify(saved)).not.toContain(secret)
})

test('an operator sees the channel accounts but cannot create one', async ({ page, request }) => {
  const owner = await Api.login(request)
  const appId = randomAppId()
  await owner.post('/api/channels', { type: 'oa', name: `E2E运营可见-${suffix()}`, appId, secret: `Secret${suffix()}`, token: 'tok123' })
  const operator = await newUser(owner, 'operator')

  await loginUi(page, operator.username, operator.password)
  await page.getByTestId('side-menu').getByText('渠道账号').click()
  const row = page.getByTestId('channels-table').locator('.el-table__body tr', { hasText: appId })
  await expect(row).toBeVisible()
  await expect(row.getByTestId('channel-test')).toBeVisible()
  await expect(page.getByTestId('new-channel')).toHaveCount(0)
  await expect(row.getByTestId('channel-edit')).toHaveCount(0)
})
