import { expect, test } from '@playwright/test'
import { Api, loginUi, pickOption, suffix } from './helpers'
import type { MemberDetailRow, MemberPage, TagRow } from './helpers'

test('a tag created in the UI can be added to a member on the detail page', async ({ page, request }) => {
  const api = await Api.login(request)
  const name = `E2E标签-${suffix()}`

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('标签管理').click()
  await expect(page).toHaveURL(/\/admin\/tags/)
  await page.getByTestId('new-tag').click()
  const dialog = page.getByTestId('tag-dialog')
  await dialog.locator('input[name="tagName"]').fill(name)
  await page.getByTestId('tag-dialog-submit').click()
  await expect(dialog).toBeHidden()
  const tagRow = page.getByTestId('tags-table').locator('.el-table__body tr', { hasText: name })
  await expect(tagRow).toBeVisible()
  await expect(tagRow.getByTestId('tag-member-count')).toHaveText('0')

  const created = (await api.get<TagRow[]>('/api/tags')).find((t) => t.name === name)
  expect(created, 'the tag exists on the server').toBeTruthy()

  const member = (await api.get<MemberPage>('/api/members', { limit: 1 })).items[0]
  await page.goto(`/admin/members/${member.id}`)
  await expect(page.getByTestId('member-name')).toBeVisible()
  await page.getByTestId('add-tag').click()
  await pickOption(page, page.getByTestId('add-tags-select'), name, {
    closeBy: page.getByTestId('add-tags-dialog').locator('.el-dialog__title'),
  })
  await page.getByTestId('add-tags-submit').click()
  await expect(page.getByTestId('add-tags-dialog')).toBeHidden()

  const row = page.getByTestId('member-detail-tags').locator('.el-table__body tr', { hasText: name })
  await expect(row).toBeVisible()

  const detail = await api.get<MemberDetailRow>(`/api/members/${member.id}`)
  const onServer = detail.tags.find((t) => t.id === created!.id)
  expect(onServer, 'the member has the tag on the server').toBeTruthy()
  if (onServer?.addedBy) await expect(row).toContainText(onServer.addedBy)

  // the member count on the tag page follows
  await page.goto('/admin/tags')
  await expect(
    page.getByTestId('tags-table').locator('.el-table__body tr', { hasText: name }).getByTestId('tag-member-count'),
  ).toHaveText('1')
})
