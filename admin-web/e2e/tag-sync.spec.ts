import { expect, test } from '@playwright/test'
import { Api, confirmMessageBox, loginUi, pickOption, randomAesKey, randomAppId, suffix } from './helpers'
import type { MemberPage, TagRow } from './helpers'

interface TagLinkRow {
  id: number
  accountId: number
  externalTagId: string
  externalName: string
  lastSyncedAt: string | null
  lastResult: string | null
}
interface SandboxCall {
  id: number
  api: string
  body: { openid_list?: string[]; tagid?: number } | null
}

test('a tag linked to a new OA tag in the UI sends tagged members to WeChat, syncs on demand and unlinks', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const appId = randomAppId()
  const account = await owner.post<{ id: number }>('/api/channels', {
    type: 'oa',
    name: `E2E标签号-${tag}`,
    appId,
    secret: `Secret${tag}`,
    token: 'tagTok1',
    encodingAesKey: randomAesKey(),
  })
  const tagName = `E2E同步${tag}`
  const ours = await owner.post<TagRow>('/api/tags', { name: tagName })
  // a follower of the OA, who becomes a member
  const openid = `oE2eTag${tag}`
  const followed = await request.post('/sandbox/oa/emit', { data: { appId, kind: 'subscribe', openid } })
  expect(followed.status(), await followed.text()).toBe(200)
  await expect.poll(async () => (await owner.get<MemberPage>('/api/members', { q: openid })).total, { timeout: 30_000 }).toBe(1)
  const member = (await owner.get<MemberPage>('/api/members', { q: openid })).items[0]

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('标签管理').click()
  const tagRow = page.getByTestId('tags-table').locator('.el-table__body tr', { hasText: tagName })
  await tagRow.getByTestId('tag-wechat-sync').click()
  const drawer = page.getByTestId('tag-sync-drawer')
  await expect(drawer).toContainText(tagName)
  await expect(drawer.getByTestId('tag-links')).toContainText('还没有关联微信标签')

  await pickOption(page, drawer.getByTestId('tag-link-account-select'), appId, { filter: false })
  await expect(drawer.getByTestId('tag-link-mode').locator('label.is-checked')).toContainText('新建同名标签')
  await drawer.getByTestId('tag-link-submit').click()
  const linkRow = drawer.getByTestId('tag-links').locator('.el-table__body tr', { hasText: appId })
  await expect(linkRow.getByTestId('tag-link-name')).toHaveText(tagName)
  // the first two-way sync runs in the background and reports on the link
  await expect(linkRow.getByTestId('tag-link-result')).toContainText('pulled 0, pushed 0', { timeout: 30_000 })
  const link = (await owner.get<TagLinkRow[]>(`/api/tags/${ours.id}/links`))[0]
  expect(link).toMatchObject({ accountId: account.id, externalName: tagName })

  // tagging the member here tags their openid on the OA
  await owner.post(`/api/members/${member.id}/tags`, { tagIds: [ours.id] })
  await expect
    .poll(
      async () => {
        const calls = await owner.get<SandboxCall[]>('/sandbox/calls', { api: '/cgi-bin/tags/members/batchtagging' })
        return calls.some((c) => c.body?.tagid === Number(link.externalTagId) && (c.body.openid_list ?? []).includes(openid))
      },
      { timeout: 30_000 },
    )
    .toBe(true)

  // "Sync now": the button waits for the background sync and shows its result
  await expect.poll(async () => (await owner.get<TagLinkRow[]>(`/api/tags/${ours.id}/links`))[0].lastResult, { timeout: 30_000 }).toBe('tagged 1')
  await drawer.getByRole('button', { name: '刷新' }).click()
  const syncedBefore = await linkRow.getByTestId('tag-link-result').getAttribute('data-synced-at')
  await linkRow.getByTestId('tag-link-sync').click()
  await expect(page.locator('.el-message--success').filter({ hasText: '同步完成：pulled 0, pushed 0' })).toBeVisible({ timeout: 40_000 })
  const after = (await owner.get<TagLinkRow[]>(`/api/tags/${ours.id}/links`))[0]
  expect(after.lastResult).toBe('pulled 0, pushed 0')
  await expect(linkRow.getByTestId('tag-link-result')).toContainText('pulled 0, pushed 0')
  expect(after.lastSyncedAt).not.toBe(syncedBefore)

  await linkRow.getByTestId('tag-link-unlink').click()
  await confirmMessageBox(page, tagName)
  await expect(drawer.getByTestId('tag-links')).toContainText('还没有关联微信标签')
  expect(await owner.get<TagLinkRow[]>(`/api/tags/${ours.id}/links`)).toEqual([])
})
