import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import type { Download, Page } from '@playwright/test'
import { Api, loginUi, pickOption, randomPhone, suffix } from './helpers'
import type { MemberRow } from './helpers'

/** Clicks the export dialog's download button once the export is done, and reads the file. */
async function downloadExport(page: Page): Promise<{ download: Download; text: string }> {
  const dialog = page.getByTestId('segment-export-dialog')
  await expect(dialog.getByTestId('segment-export-job')).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByTestId('segment-export-download').click()])
  const text = await readFile((await download.path())!, 'utf8')
  return { download, text }
}

test('a static segment imported from a CSV in the UI, then exported from the list and from its members page', async ({ page, request }) => {
  const api = await Api.login(request)
  const s = suffix()
  const phone = randomPhone()
  const byPhone = await api.post<MemberRow>('/api/members', { nickname: `导入甲-${s}`, phone })
  const byUnionid = await api.post<MemberRow>('/api/members', { nickname: `导入乙-${s}`, identities: [{ type: 'unionid', value: `oUnion_${s}` }] })
  const name = `导入名单-${s}`
  const csv = ['标识,备注', `${phone},手机号`, `oUnion_${s},unionid`, `oNobody_${s},不认识`].join('\n')

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('分群', { exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/segments$/)

  // import: the file's header offers its columns; "标识" is not a name the server knows, so pick it
  await page.getByTestId('segment-import').click()
  const dialog = page.getByTestId('segment-import-dialog')
  await dialog.getByTestId('segment-import-file').locator('input[type=file]').setInputFiles({ name: `名单-${s}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') })
  await expect(dialog.getByTestId('segment-import-file-name')).toHaveText(`名单-${s}.csv`)
  await dialog.getByTestId('segment-import-name').fill(name)
  await pickOption(page, dialog.getByTestId('segment-import-column'), '标识', { filter: false })
  await dialog.getByTestId('segment-import-submit').click()

  await expect(dialog.getByTestId('segment-import-job')).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(dialog.getByTestId('segment-import-status')).toHaveText('已完成')
  await expect(dialog.getByTestId('segment-import-count-total')).toHaveAttribute('data-value', '3')
  await expect(dialog.getByTestId('segment-import-count-matched')).toHaveAttribute('data-value', '2')
  await expect(dialog.getByTestId('segment-import-count-unmatched')).toHaveAttribute('data-value', '1')
  const unmatched = dialog.getByTestId('segment-import-unmatched')
  await expect(unmatched.locator('.el-table__body tr')).toHaveCount(1)
  await expect(unmatched).toContainText(`oNobody_${s}`)
  await expect(unmatched).toContainText('未找到会员')
  await dialog.getByRole('button', { name: '关闭', exact: true }).click()

  // the list now shows the new static segment with its count; export it from its row
  const row = page.getByTestId('segments-table').locator('.el-table__row', { hasText: name })
  await expect(row.getByTestId('segment-count')).toHaveText('2')
  await row.getByTestId('segment-export').click()
  const fromList = await downloadExport(page)
  expect(fromList.download.suggestedFilename()).toMatch(new RegExp(`^${name}-\\d{8}\\.csv$`))
  expect(fromList.text.startsWith('\uFEFF')).toBe(true)
  const lines = fromList.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)
  expect(lines[0].startsWith('id,nickname,phone_masked,')).toBe(true)
  expect(lines.slice(1).map((l) => Number(l.split(',')[0])).sort((a, b) => a - b)).toEqual([byPhone.id, byUnionid.id].sort((a, b) => a - b))
  expect(fromList.text).toContain(`导入甲-${s}`)
  expect(fromList.text).not.toContain(phone)
  await page.getByTestId('segment-export-dialog').getByRole('button', { name: '关闭', exact: true }).click()

  // and from the members page
  await row.getByTestId('segment-members').click()
  await expect(page.getByTestId('segment-members-table').getByTestId('member-link')).toHaveCount(2)
  await page.getByTestId('segment-members-page').getByTestId('segment-export').click()
  const fromMembers = await downloadExport(page)
  expect(fromMembers.text).toContain(`导入乙-${s}`)
  expect(fromMembers.text.replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toHaveLength(3)
})

test('a dynamic segment frozen as a static snapshot from the list, which keeps its members when the rule moves on', async ({ page, request }) => {
  const api = await Api.login(request)
  const s = suffix()
  for (const n of ['一', '二', '三']) await api.post<MemberRow>('/api/members', { nickname: `快照${n}-${s}` })
  const source = await api.post<{ id: number; name: string }>('/api/segments', {
    name: `快照源-${s}`,
    type: 'dynamic',
    rule: { kind: 'attribute', field: 'nickname', operator: 'contains', value: `-${s}` },
  })

  await loginUi(page)
  await page.goto('/admin/segments')
  const row = page.getByTestId('segments-table').locator('.el-table__row', { hasText: source.name })
  await row.getByTestId('segment-snapshot').click()
  const dialog = page.getByTestId('segment-snapshot-dialog')
  await dialog.getByTestId('segment-snapshot-name').fill(`双11名单-${s}`)
  await dialog.getByTestId('segment-snapshot-start').click()
  await expect(dialog.getByTestId('segment-snapshot-job')).toHaveAttribute('data-status', 'done', { timeout: 30_000 })
  await expect(dialog.getByTestId('segment-snapshot-done')).toHaveText('快照完成：3 人')

  // a fourth member joins the dynamic segment; the snapshot stays at three
  await api.post<MemberRow>('/api/members', { nickname: `快照四-${s}` })
  await dialog.getByTestId('segment-snapshot-open').click()
  await expect(page).toHaveURL(/\/admin\/segments\/\d+\/members$/)
  await expect(page.getByTestId('segment-members-table').getByTestId('member-link')).toHaveCount(3)
  const snapshots = (await api.get<{ name: string; type: string; count: number }[]>('/api/segments')).filter((x) => x.name === `双11名单-${s}`)
  expect(snapshots).toEqual([expect.objectContaining({ type: 'static', count: 3 })])
})
