import { expect, test } from '@playwright/test'
import { ADMIN, Api, loginUi, pickOption, suffix } from './helpers'
import type { MemberPage } from './helpers'

interface StoreRow {
  id: number
  name: string
  code: string
}

test('a store_staff user sees only members of their store and gets 403 on tags', async ({ page, request }) => {
  const owner = await Api.login(request)
  const stores = await owner.get<StoreRow[]>('/api/stores')
  expect(stores.length).toBeGreaterThan(0)
  const store = stores[0]
  const username = `staff_${suffix()}`
  const password = 'Staff#12345'
  await owner.post('/api/users', {
    username,
    password,
    displayName: `店员 ${username}`,
    role: 'store_staff',
    storeIds: [store.id],
  })
  const inStore = await owner.get<MemberPage>('/api/members', { storeId: store.id, limit: 1 })

  await loginUi(page, username, password)
  const menuItems = page.getByTestId('side-menu').locator('.el-menu-item')
  await expect(menuItems).toHaveCount(1)
  await expect(menuItems).toHaveText('会员列表')
  await expect(page.getByTestId('store-switcher')).toContainText(store.name)
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${inStore.total} 条`)

  await page.goto('/admin/tags')
  await expect(page.getByTestId('forbidden')).toBeVisible()
  await expect(page.getByTestId('forbidden')).toContainText('403')
  await expect(page.getByTestId('tags-table')).toHaveCount(0)

  // the API agrees: the staff token may not manage tags
  const staffLogin = await request.post('/api/auth/login', { data: { username, password } })
  const { accessToken } = (await staffLogin.json()) as { accessToken: string }
  const res = await request.post('/api/tags', {
    headers: { Authorization: `Bearer ${accessToken}` },
    data: { name: `forbidden-${suffix()}` },
  })
  expect(res.status()).toBe(403)
})

test('the owner manages stores and staff accounts', async ({ page, request }) => {
  const owner = await Api.login(request)
  const code = `E2E${suffix()}`.slice(0, 16).toUpperCase()
  await loginUi(page)
  await page.getByTestId('side-menu').getByText('门店', { exact: true }).click()
  await page.getByTestId('new-store').click()
  await page.locator('input[name="storeCode"]').fill(code)
  await page.locator('input[name="storeName"]').fill(`门店 ${code}`)
  await page.getByTestId('store-dialog-submit').click()
  await expect(page.getByTestId('stores-table')).toContainText(code)
  const stores = await owner.get<StoreRow[]>('/api/stores')
  expect(stores.some((s) => s.code === code)).toBe(true)

  const username = `mgr_${suffix()}`
  await page.getByTestId('side-menu').getByText('员工账号').click()
  await page.getByTestId('new-user').click()
  const dialog = page.getByTestId('user-dialog')
  await dialog.locator('input[name="newUsername"]').fill(username)
  await dialog.locator('input[name="displayName"]').fill('E2E 店长')
  await dialog.locator('input[name="newPassword"]').fill('Manager#12345')
  await pickOption(page, page.getByTestId('user-role'), '店长', { filter: false })
  await pickOption(page, page.getByTestId('user-stores'), code, {
    filter: false,
    closeBy: dialog.locator('.el-dialog__title'),
  })
  await page.getByTestId('user-dialog-submit').click()
  await expect(dialog).toBeHidden()
  const row = page.getByTestId('users-table').locator('.el-table__body tr', { hasText: username })
  await expect(row).toContainText('店长')
  await expect(row).toContainText(`门店 ${code}`)
})

test('the audit log lists recent changes for the owner', async ({ page, request }) => {
  const owner = await Api.login(request)
  const group = await owner.post<{ id: number }>('/api/tag-groups', { name: `E2E审计-${suffix()}` })
  await loginUi(page)
  await page.getByTestId('side-menu').getByText('操作日志').click()
  await expect(page).toHaveURL(/\/admin\/system\/audit/)
  const entry = page.getByTestId('audit-table').locator('.el-table__body tr', { hasText: `#${group.id}` }).filter({
    hasText: 'tag_group',
  })
  await expect(entry.first()).toBeVisible()
  await expect(entry.first()).toContainText(ADMIN.username)
})
