import { readFile } from 'node:fs/promises'
import { expect, test } from '@playwright/test'
import { Api, loginUi, pickOption, randomPhone, suffix } from './helpers'
import type { MemberPage, MemberRow, TagRow } from './helpers'

test('the members list shows the demo members with the API total', async ({ page, request }) => {
  const api = await Api.login(request)
  const all = await api.get<MemberPage>('/api/members', { limit: 20, sort: 'createdAt', order: 'desc' })
  expect(all.total).toBeGreaterThan(0)

  await loginUi(page)
  const rows = page.getByTestId('members-table').locator('.el-table__body tr')
  await expect(rows).toHaveCount(Math.min(20, all.total))
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${all.total} 条`)
  const first = all.items[0]
  if (first.nickname) await expect(rows.first()).toContainText(first.nickname)
})

test('filtering by a tag shows the same total as GET /api/members?tagId=', async ({ page, request }) => {
  const api = await Api.login(request)
  const tags = await api.get<TagRow[]>('/api/tags')
  const tag = tags.filter((t) => t.memberCount > 0).sort((a, b) => a.memberCount - b.memberCount)[0]
  expect(tag, 'demo data has a tag with members').toBeTruthy()
  const filtered = await api.get<MemberPage>('/api/members', { tagId: tag.id, limit: 1 })
  const all = await api.get<MemberPage>('/api/members', { limit: 1 })
  expect(filtered.total).toBeGreaterThan(0)
  expect(filtered.total).toBeLessThan(all.total)

  await loginUi(page)
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${all.total} 条`)
  await pickOption(page, page.getByTestId('filter-tag'), tag.name)
  await page.getByTestId('filter-search').click()

  await expect(page).toHaveURL(new RegExp(`tagId=${tag.id}`))
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${filtered.total} 条`)
  // every row on screen carries the tag
  const rows = page.getByTestId('members-table').locator('.el-table__body tr')
  await expect(rows).toHaveCount(Math.min(20, filtered.total))
  for (const row of await rows.all()) {
    await expect(row.getByTestId('member-tags')).toContainText(tag.name)
  }
})

test('next and previous pages walk the cursor', async ({ page, request }) => {
  const api = await Api.login(request)
  const first = await api.get<MemberPage>('/api/members', { limit: 20, sort: 'createdAt', order: 'desc' })
  test.skip(!first.nextCursor, 'needs more than one page of members')
  const second = await api.get<MemberPage>('/api/members', {
    limit: 20,
    sort: 'createdAt',
    order: 'desc',
    cursor: first.nextCursor as string,
  })

  await loginUi(page)
  const rows = page.getByTestId('members-table').locator('.el-table__body tr')
  await expect(page.getByTestId('page-prev')).toBeDisabled()
  await page.getByTestId('page-next').click()
  await expect(rows.first()).toContainText(`#${second.items[0].id}`)
  await expect(page.getByTestId('members-pager')).toContainText('第 21–')
  await page.getByTestId('page-prev').click()
  await expect(rows.first()).toContainText(`#${first.items[0].id}`)
})

test('a member created in the UI opens on its detail page with a masked phone', async ({ page, request }) => {
  const api = await Api.login(request)
  const nickname = `新会员-${suffix()}`
  const phone = randomPhone()

  await loginUi(page)
  await page.getByTestId('new-member').click()
  const dialog = page.getByTestId('member-form-dialog')
  await dialog.locator('input[name="nickname"]').fill(nickname)
  await dialog.locator('input[name="phone"]').fill(phone)
  await page.getByTestId('member-form-submit').click()

  await expect(page).toHaveURL(/\/admin\/members\/\d+$/)
  await expect(page.getByTestId('member-name')).toHaveText(nickname)
  const profile = page.getByTestId('member-profile')
  await expect(profile).toContainText(phone.slice(-4))
  await expect(profile).not.toContainText(phone)

  const found = await api.get<MemberPage>('/api/members', { q: nickname, limit: 5 })
  expect(found.items.map((m) => m.nickname)).toEqual([nickname])
  expect(page.url()).toContain(`/admin/members/${found.items[0].id}`)
})

test('bulk tagging adds a tag to the selected rows', async ({ page, request }) => {
  const api = await Api.login(request)
  const tag = await api.post<TagRow>('/api/tags', { name: `批量-${suffix()}` })

  await loginUi(page)
  const rows = page.getByTestId('members-table').locator('.el-table__body tr')
  await expect(rows.first()).toBeVisible()
  const ids: number[] = []
  for (const i of [0, 1]) {
    await rows.nth(i).locator('.el-checkbox').click()
    ids.push(Number(((await rows.nth(i).locator('.member-cell .muted').textContent()) ?? '').replace(/\D/g, '')))
  }
  await page.getByTestId('bulk-tag').click()
  const dialog = page.getByTestId('bulk-tag-dialog')
  await expect(dialog).toContainText('2')
  await pickOption(page, page.getByTestId('bulk-tags-select'), tag.name, { closeBy: dialog.locator('.el-dialog__title') })
  await page.getByTestId('bulk-tag-submit').click()
  await expect(dialog).toBeHidden()
  await expect(rows.nth(0).getByTestId('member-tags')).toContainText(tag.name)
  await expect(rows.nth(1).getByTestId('member-tags')).toContainText(tag.name)

  const tagged = await api.get<MemberPage>('/api/members', { tagId: tag.id, limit: 10 })
  expect(tagged.items.map((m) => m.id).sort()).toEqual(ids.sort())
})

test('export downloads the members of the current filter as CSV', async ({ page, request }) => {
  const api = await Api.login(request)
  const tag = (await api.get<TagRow[]>('/api/tags')).find((t) => t.memberCount > 0)!
  const filtered = await api.get<MemberPage>('/api/members', { tagId: tag.id, limit: 1 })

  await loginUi(page)
  await page.goto(`/admin/members?tagId=${tag.id}`)
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${filtered.total} 条`)
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()])
  expect(download.suggestedFilename()).toMatch(/^members-\d{8}\.csv$/)
  const lines = (await readFile(await download.path(), 'utf-8')).split(/\r?\n/).filter((l) => l.trim())
  expect(lines[0]).toContain('nickname')
  expect(lines).toHaveLength(filtered.total + 1)
})

test('text, channel and stage filters agree with the API and survive a reload', async ({ page, request }) => {
  const api = await Api.login(request)
  const sample = (await api.get<MemberPage & { items: (MemberRow & { sourceChannel: string; lifecycleStage: string })[] }>(
    '/api/members',
    { limit: 1, sort: 'createdAt', order: 'asc' },
  )).items[0]
  const query = { channel: sample.sourceChannel, stage: sample.lifecycleStage }
  const expected = await api.get<MemberPage>('/api/members', { ...query, limit: 1 })

  await loginUi(page)
  const channelLabel = { oa: '公众号', miniapp: '小程序', wecom: '企业微信', store: '门店', import: '导入', manual: '手工录入', api: '接口' }[
    sample.sourceChannel
  ]!
  const stageLabel = { prospect: '潜客', new: '新会员', active: '活跃', loyal: '忠诚', dormant: '沉睡', churned: '流失' }[
    sample.lifecycleStage
  ]!
  await pickOption(page, page.getByTestId('filter-channel'), channelLabel, { filter: false })
  await pickOption(page, page.getByTestId('filter-stage'), stageLabel, { filter: false })
  await page.getByTestId('filter-search').click()
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${expected.total} 条`)

  await page.reload()
  await expect(page.getByTestId('members-total')).toHaveText(`共 ${expected.total} 条`)

  // the text box searches by nickname (Enter submits)
  if (sample.nickname) {
    const byName = await api.get<MemberPage>('/api/members', { ...query, q: sample.nickname, limit: 1 })
    await page.getByTestId('filter-q').fill(sample.nickname)
    await page.getByTestId('filter-q').press('Enter')
    await expect(page.getByTestId('members-total')).toHaveText(`共 ${byName.total} 条`)
    await expect(page.getByTestId('members-table').locator('.el-table__body tr').first()).toContainText(sample.nickname)
  }
})
