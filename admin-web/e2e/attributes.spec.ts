import { expect, test } from '@playwright/test'
import { Api, loginUi, suffix } from './helpers'
import type { MemberDetailRow, MemberPage } from './helpers'

test('a custom attribute created in the UI can be set on a member', async ({ page, request }) => {
  const api = await Api.login(request)
  const key = `e2e_${suffix()}`
  const label = `E2E属性 ${key}`
  const value = `值-${suffix()}`

  await loginUi(page)
  await page.goto('/admin/attributes')
  await page.getByTestId('new-attribute').click()
  const dialog = page.getByTestId('attribute-dialog')
  await dialog.locator('input[name="attrKey"]').fill(key)
  await dialog.locator('input[name="attrLabel"]').fill(label)
  await dialog.getByRole('button', { name: '保存' }).click()
  await expect(dialog).toBeHidden()
  await expect(page.getByTestId('attributes-table')).toContainText(key)

  const member = (await api.get<MemberPage>('/api/members', { limit: 1 })).items[0]
  await page.goto(`/admin/members/${member.id}`)
  const editor = page.getByTestId(`attr-${key}`)
  await expect(editor).toContainText('未设置')
  await editor.locator('.value').click()
  await editor.locator('input').fill(value)
  await editor.locator('input').press('Enter')
  await expect(editor.locator('.value')).toHaveText(value)

  const detail = await api.get<MemberDetailRow>(`/api/members/${member.id}`)
  expect(detail.attributes[key]).toBe(value)

  // and it is still there after a reload
  await page.reload()
  await expect(page.getByTestId(`attr-${key}`)).toContainText(value)
})

test('number and boolean attributes are edited with typed controls and saved with their type', async ({ page, request }) => {
  const api = await Api.login(request)
  const numberKey = `e2e_num_${suffix()}`
  const boolKey = `e2e_bool_${suffix()}`
  await api.post('/api/attribute-definitions', { key: numberKey, label: `数字 ${numberKey}`, type: 'number' })
  await api.post('/api/attribute-definitions', { key: boolKey, label: `开关 ${boolKey}`, type: 'boolean' })
  const member = (await api.get<MemberPage>('/api/members', { limit: 1 })).items[0]

  await loginUi(page)
  await page.goto(`/admin/members/${member.id}`)
  const num = page.getByTestId(`attr-${numberKey}`)
  await num.locator('.value').click()
  await num.locator('.el-input-number input').fill('1288.5')
  await num.getByTestId('attr-save').click()
  await expect(num.locator('.value')).toHaveText('1288.5')

  const bool = page.getByTestId(`attr-${boolKey}`)
  await bool.locator('.el-switch').click()
  await expect(bool.locator('.el-switch')).toHaveClass(/is-checked/)

  await expect
    .poll(async () => (await api.get<MemberDetailRow>(`/api/members/${member.id}`)).attributes)
    .toMatchObject({ [numberKey]: 1288.5, [boolKey]: true })
})
