import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { Api, loginUi, randomPhone, suffix } from './helpers'
import type { MemberPage } from './helpers'

test('a CSV import shows progress, counts and a downloadable error report', async ({ page, request }) => {
  const api = await Api.login(request)
  const run = suffix()
  const good = [1, 2, 3].map((i) => ({ nickname: `导入${i}-${run}`, phone: randomPhone() }))
  const bad = { nickname: `坏行-${run}`, phone: '12ab' }
  const csv = [
    'nickname,phone,unionid,gender,birthday,province,city,tags',
    `${good[0].nickname},${good[0].phone},,male,1990-05-20,广东,深圳,VIP`,
    `${good[1].nickname},${good[1].phone},,女,08-15,上海,上海,`,
    `${good[2].nickname},${good[2].phone},,unknown,,,,`,
    `${bad.nickname},${bad.phone},,female,,,,`,
  ].join('\n')

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('会员导入').click()
  await expect(page).toHaveURL(/\/admin\/members\/import/)
  // the help lists the accepted columns and offers a template
  await expect(page.getByTestId('import-columns')).toContainText('attr.<key>')
  await expect(page.getByTestId('import-columns')).toContainText('lifecycle_stage')

  await page
    .getByTestId('import-upload')
    .locator('input[type="file"]')
    .setInputFiles({ name: `members-${run}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf-8') })

  const progress = page.getByTestId('import-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toContainText('100%', { timeout: 30_000 })
  await expect(page.getByTestId('import-status')).toHaveText(/已完成|失败/)
  await expect(page.getByTestId('import-count-created')).toContainText('3')
  await expect(page.getByTestId('import-count-failed')).toContainText('1')
  await expect(page.getByTestId('import-count-total')).toContainText('4')

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-errors-download').click()])
  expect(download.suggestedFilename()).toMatch(/\.csv$/)
  const report = await readFile(await download.path(), 'utf-8')
  // a header and one line naming the bad row (its content and the phone that failed), no good rows
  const lines = report.split(/\r?\n/).filter((l) => l.trim())
  expect(lines).toHaveLength(2)
  expect(lines[1]).toContain('12ab')
  expect(lines[1]).toContain(bad.nickname)
  for (const g of good) expect(report).not.toContain(g.phone)

  // the good rows are members now
  const found = await api.get<MemberPage>('/api/members', { q: run, limit: 10 })
  expect(found.items.map((m) => m.nickname).sort()).toEqual(good.map((g) => g.nickname).sort())
})

test('the template link downloads a CSV with every accepted column', async ({ page }) => {
  await loginUi(page)
  await page.goto('/admin/members/import')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-template').click()])
  const header = (await readFile(await download.path(), 'utf-8')).split(/\r?\n/)[0].split(',')
  for (const column of ['nickname', 'phone', 'unionid', 'mp_openid', 'oa_openid', 'gender', 'birthday', 'province', 'city', 'source_channel', 'lifecycle_stage', 'level', 'points', 'tags']) {
    expect(header).toContain(column)
  }
})
