import { expect, test } from '@playwright/test'
import { Api, loginUi, newUser, randomAesKey, randomAppId, suffix } from './helpers'

interface FollowerImportRow {
  id: number
  accountId: number
  status: string
  percent: number
  total: number
  processed: number
  created: number
  matched: number
  failed: number
}

test('the owner imports the followers of an OA from the channel list and sees the counts', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const appId = randomAppId()
  const account = await owner.post<{ id: number }>('/api/channels', {
    type: 'oa',
    name: `E2E粉丝号-${tag}`,
    appId,
    secret: `Secret${tag}`,
    token: 'fansTok1',
    encodingAesKey: randomAesKey(),
  })
  // people who followed before the account was connected (WeChat never pushed them)
  const seeded = await request.post('/sandbox/oa/followers', { data: { appId, count: 30 } })
  expect(seeded.status(), await seeded.text()).toBe(200)
  expect(((await seeded.json()) as { total: number }).total).toBe(30)

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('渠道账号').click()
  const row = page.getByTestId('channels-table').locator('.el-table__body tr', { hasText: appId })
  await row.getByTestId('channel-import-followers').click()
  const dialog = page.getByTestId('follower-import-dialog')
  await expect(dialog.getByTestId('follower-import-history')).toContainText('还没有导入过')

  await dialog.getByTestId('follower-import-start').click()
  const run = dialog.getByTestId('follower-import-run')
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 60_000 })
  await expect(run.getByTestId('follower-import-status')).toHaveText('已完成')
  await expect(run.getByTestId('follower-import-progress')).toContainText('100%')
  const id = Number(await run.getAttribute('data-run-id'))
  const api = await owner.get<FollowerImportRow>(`/api/oa/follower-imports/${id}`)
  expect(api).toMatchObject({ accountId: account.id, status: 'completed', total: 30, processed: 30, failed: 0 })
  // new people become members; someone already known by UnionID (from another account) is matched
  expect(api.created + api.matched).toBe(30)
  for (const key of ['total', 'processed', 'created', 'matched', 'failed'] as const) {
    await expect(run.getByTestId(`follower-import-count-${key}`)).toHaveAttribute('data-value', String(api[key]))
  }
  await expect(dialog.getByTestId('follower-import-history').locator('.el-table__body tr')).toHaveCount(1)

  // running it again matches the same people instead of doubling them
  await dialog.getByTestId('follower-import-start').click()
  await expect(run).not.toHaveAttribute('data-run-id', String(id))
  await expect(run).toHaveAttribute('data-status', 'completed', { timeout: 60_000 })
  const again = await owner.get<FollowerImportRow>(`/api/oa/follower-imports/${Number(await run.getAttribute('data-run-id'))}`)
  expect(again).toMatchObject({ total: 30, created: 0, matched: 30, failed: 0 })
  await expect(run.getByTestId('follower-import-count-matched')).toHaveAttribute('data-value', '30')
  await expect(dialog.getByTestId('follower-import-history').locator('.el-table__body tr')).toHaveCount(2)
})

test('store roles see no auto replies, WeChat tag sync or follower import', async ({ page, request }) => {
  const owner = await Api.login(request)
  const store = (await owner.get<{ id: number }[]>('/api/stores'))[0]
  const clerk = await newUser(owner, 'store_staff', [store.id])
  await loginUi(page, clerk.username, clerk.password)
  const menu = page.getByTestId('side-menu')
  for (const entry of ['自动回复', '标签管理', '渠道账号']) await expect(menu).not.toContainText(entry)
  for (const path of ['/admin/channels/auto-replies', '/admin/tags', '/admin/channels']) {
    await page.goto(path)
    await expect(page.getByTestId('forbidden')).toBeVisible()
  }
  await expect(page.getByTestId('channel-import-followers')).toHaveCount(0)
  await expect(page.getByTestId('tag-wechat-sync')).toHaveCount(0)
  // and the API agrees
  const asClerk = await Api.login(request, clerk.username, clerk.password)
  expect((await asClerk.fetch('/api/oa/auto-replies')).status).toBe(403)
})
