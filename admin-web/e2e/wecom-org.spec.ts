import { expect, test } from '@playwright/test'
import type { Page } from '@playwright/test'
import { Api, confirmMessageBox, loginUi, newUser, pickOption, randomAesKey, randomCorpId, suffix } from './helpers'
import type { MemberPage } from './helpers'

interface SyncRun {
  id: number
  kind: string
  status: string
  total: number
  processed: number
  created: number
  updated: number
  removed: number
  failed: number
}
interface Department {
  id: number
  deptId: number
  name: string
  storeId: number | null
  storeName: string | null
  storeMappedBy: string | null
}
interface Staff {
  id: number
  userid: string
  adminUserId: number | null
  adminUsername: string | null
  adminUserMappedBy: string | null
  storeIds: number[]
}

/** Clicks a sync button, waits for the run to finish on screen and returns what the API says about it. */
async function runSync(page: Page, owner: Api, kind: 'org' | 'contacts'): Promise<SyncRun> {
  const card = page.getByTestId(`wecom-sync-${kind}`)
  await card.getByTestId(`wecom-sync-${kind}-start`).click()
  const run = card.getByTestId('wecom-sync-run')
  await expect(run).toHaveAttribute('data-status', 'done', { timeout: 60_000 })
  const id = Number(/#(\d+)/.exec((await run.textContent()) ?? '')?.[1])
  const api = await owner.get<SyncRun>(`/api/wecom/sync-runs/${id}`)
  expect(api).toMatchObject({ kind, status: 'done' })
  for (const key of ['total', 'created', 'updated', 'removed', 'failed'] as const) {
    await expect(card.getByTestId(`wecom-sync-count-${key}`)).toHaveAttribute('data-value', String(api[key]))
  }
  await expect(card.getByTestId('wecom-sync-progress')).toContainText('100%')
  return api
}

test('WeCom organisation: sync, map departments to stores, link or create staff accounts, import customers', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const corpId = randomCorpId()
  const accountName = `E2E企微-${tag}`
  const account = await owner.post<{ id: number }>('/api/channels', {
    type: 'wecom',
    name: accountName,
    corpId,
    agentId: 1000002,
    secret: `wecom-secret-${tag}`,
    token: 'wecomTok1',
    encodingAesKey: randomAesKey(),
  })
  // a department and a member nobody has mapped before, besides the sandbox corp's own
  const deptName = `E2E部门${tag}`
  const newcomer = `e2e_${tag}`
  const dir = await request.post('/sandbox/wecom/directory', {
    data: { corpId, departments: [{ id: 40, name: deptName, parentId: 1 }], users: [{ userid: newcomer, name: `新员工${tag}`, departments: [40] }] },
  })
  expect(dir.status(), await dir.text()).toBe(200)
  const store = await owner.post<{ id: number; name: string }>('/api/stores', { name: `E2E门店-${tag}`, code: `E2E${tag}`.slice(0, 20) })
  const clerk = await newUser(owner, 'store_staff', [store.id])
  const clerkUser = (await owner.get<{ id: number; username: string }[]>('/api/users')).find((u) => u.username === clerk.username)!

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('企业微信组织').click()
  await expect(page).toHaveURL(/\/admin\/integrations\/wecom/)
  await pickOption(page, page.getByTestId('wecom-org-account'), corpId, { filter: false })
  await expect(page).toHaveURL(new RegExp(`account=${account.id}`))

  const org = await runSync(page, owner, 'org')
  expect(org.created).toBeGreaterThanOrEqual(2)

  const departments = page.getByTestId('wecom-departments')
  const apiDepartments = await owner.get<Department[]>(`/api/wecom/accounts/${account.id}/departments`)
  await expect(departments.getByTestId('wecom-department-name')).toHaveCount(apiDepartments.length)

  // a new store named after the new department
  const newDeptRow = departments.locator('.el-table__body tr', { has: page.locator('[data-dept-id="40"]') })
  await newDeptRow.getByTestId('wecom-department-create-store').click()
  await confirmMessageBox(page, deptName)
  await expect(newDeptRow.getByTestId('wecom-department-create-store')).toHaveCount(0)
  let dept40 = (await owner.get<Department[]>(`/api/wecom/accounts/${account.id}/departments`)).find((d) => d.deptId === 40)!
  expect(dept40).toMatchObject({ storeName: deptName, storeMappedBy: 'manual' })
  await expect(newDeptRow.getByTestId('wecom-department-store-select')).toContainText(deptName)

  // department 3 is mapped by name to a demo store; point it at ours instead
  const dept3Row = departments.locator('.el-table__body tr', { has: page.locator('[data-dept-id="3"]') })
  await pickOption(page, dept3Row.getByTestId('wecom-department-store-select'), store.name)
  await expect(dept3Row).toContainText('手动指定')
  const dept3 = (await owner.get<Department[]>(`/api/wecom/accounts/${account.id}/departments`)).find((d) => d.deptId === 3)!
  expect(dept3).toMatchObject({ storeId: store.id, storeMappedBy: 'manual' })

  // staff: only those without an account
  await page.getByRole('tab', { name: '员工与账号' }).click()
  await page.getByTestId('wecom-staff-filter').getByText('未对应账号').click()
  const unmapped = await owner.get<Staff[]>(`/api/wecom/accounts/${account.id}/staff`, { mapped: 'false' })
  const staffRows = page.getByTestId('wecom-staff').getByTestId('wecom-staff-row')
  await expect(staffRows).toHaveCount(unmapped.length)

  // link liu_yang (department 3) to an existing store account
  const liuRow = page.getByTestId('wecom-staff').locator('.el-table__body tr', { has: page.locator('[data-userid="liu_yang"]') })
  await pickOption(page, liuRow.getByTestId('wecom-staff-user-select'), clerk.username)
  await expect(liuRow).toContainText('手动指定')
  const liu = (await owner.get<Staff[]>(`/api/wecom/accounts/${account.id}/staff`)).find((s) => s.userid === 'liu_yang')!
  expect(liu).toMatchObject({ adminUserId: clerkUser.id, adminUserMappedBy: 'manual', storeIds: [store.id] })

  // create an account for the newcomer: the password is shown once and works
  const newRow = page.getByTestId('wecom-staff').locator('.el-table__body tr', { has: page.locator(`[data-userid="${newcomer}"]`) })
  await newRow.getByTestId('wecom-staff-create-account').click()
  const dialog = page.getByTestId('wecom-account-dialog')
  await dialog.getByTestId('wecom-account-role').getByText('店长').click()
  await dialog.getByTestId('wecom-account-submit').click()
  await expect(dialog.getByTestId('wecom-account-created')).toBeVisible()
  await expect(dialog.getByTestId('wecom-account-username')).toHaveText(newcomer)
  const password = (await dialog.getByTestId('wecom-account-password').textContent())?.trim() ?? ''
  expect(password.length).toBeGreaterThanOrEqual(12)
  await dialog.getByTestId('wecom-account-done').click()
  await expect(dialog).toBeHidden()
  await expect(newRow.getByTestId('wecom-staff-create-account')).toHaveCount(0)
  const created = (await owner.get<Staff[]>(`/api/wecom/accounts/${account.id}/staff`)).find((s) => s.userid === newcomer)!
  dept40 = (await owner.get<Department[]>(`/api/wecom/accounts/${account.id}/departments`)).find((d) => d.deptId === 40)!
  expect(created).toMatchObject({ adminUsername: newcomer, storeIds: [dept40.storeId] })
  const asNewcomer = await Api.login(request, newcomer, password)
  expect((await asNewcomer.get<{ role: string }>('/api/auth/me')).role).toBe('store_manager')

  // import customers: one the sandbox corp's li_na serves
  const externalUserId = `wmE2e${tag}`
  const customer = await request.post('/sandbox/wecom/customers', {
    data: { corpId, userId: 'li_na', externalUserId, name: `企微客户${tag}`, state: 'store_SH01' },
  })
  expect(customer.status(), await customer.text()).toBe(200)
  const contacts = await runSync(page, owner, 'contacts')
  expect(contacts.created + contacts.updated).toBeGreaterThanOrEqual(1)
  const found = await owner.get<MemberPage>('/api/members', { q: externalUserId })
  expect(found.total).toBe(1)

  // and the member page shows who serves them
  await page.goto(`/admin/members/${found.items[0].id}`)
  const served = page.getByTestId('member-wecom-staff')
  await expect(served.getByTestId('wecom-staff-name')).toHaveText('李娜')
  await expect(served).toContainText('store_SH01')
  await expect(served).toContainText('首位添加')
})

test('store roles do not see the WeCom organisation', async ({ page, request }) => {
  const owner = await Api.login(request)
  const store = (await owner.get<{ id: number }[]>('/api/stores'))[0]
  const manager = await newUser(owner, 'store_manager', [store.id])
  await loginUi(page, manager.username, manager.password)
  await expect(page.getByTestId('side-menu')).not.toContainText('企业微信组织')
  await page.goto('/admin/integrations/wecom')
  await expect(page.getByTestId('forbidden')).toBeVisible()
})
