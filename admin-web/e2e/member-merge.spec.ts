import { expect, test } from '@playwright/test'
import { ADMIN, Api, confirmMessageBox, loginUi, randomAesKey, randomAppId, suffix } from './helpers'
import type { MemberPage } from './helpers'

interface Merge {
  id: number
  keptMemberId: number
  mergedMemberId: number
  reason: string
  identifier: string
  undoneAt: string | null
  undoneBy: string | null
}

/**
 * One person, two records: an OA follower whose user/info failed (so no unionid), then a
 * mini-program login with the same unionid. The next OA message reveals the unionid and merges them.
 */
test('a merged-away member points to the kept one, which lists the merge and can undo it', async ({ page, request }) => {
  const owner = await Api.login(request)
  const appId = randomAppId()
  const tag = suffix()
  const oaOpenid = `oOaMerge${tag}`
  const mpOpenid = `oMpMerge${tag}`
  const unionid = `oUnMerge${tag}`
  await owner.post('/api/channels', { type: 'oa', name: `E2E合并号-${tag}`, appId, secret: `Secret${tag}`, token: 'mergeTok1', encodingAesKey: randomAesKey() })

  await request.post('/sandbox/faults', { data: { api: '/cgi-bin/user/info', errcode: 40003, errmsg: 'invalid openid' } })
  let follower: number
  try {
    await request.post('/sandbox/oa/emit', { data: { appId, kind: 'subscribe', openid: oaOpenid, unionid } })
    await expect
      .poll(async () => (await owner.get<MemberPage>('/api/members', { q: oaOpenid })).total, { timeout: 30_000 })
      .toBe(1)
    follower = (await owner.get<MemberPage>('/api/members', { q: oaOpenid })).items[0].id
  } finally {
    await request.delete('/sandbox/faults')
  }
  // the configured mini-program (the sandbox's default)
  const code = (await (await request.post('/sandbox/miniapp/login-code', { data: { openid: mpOpenid, unionid } })).json()).code as string
  const login = await request.post('/api/mp/auth/login', { data: { code } })
  expect(login.status(), await login.text()).toBe(200)
  const mpMember = ((await login.json()) as { member: { id: number } }).member.id
  expect(mpMember).not.toBe(follower)

  await request.post('/sandbox/oa/emit', { data: { appId, kind: 'text', openid: oaOpenid, unionid, content: '你好' } })
  await expect.poll(async () => (await owner.fetch(`/api/members/${mpMember}`)).status, { timeout: 30_000 }).toBe(404)

  // the absorbed id explains where the member went, instead of a bare "not found"
  await loginUi(page)
  await page.goto(`/admin/members/${mpMember}`)
  const notice = page.getByTestId('member-merged-away')
  await expect(notice).toContainText(`merged into member ${follower}`)
  await expect(page.getByTestId('error-state')).toHaveCount(0)
  await notice.getByTestId('open-kept-member').click()
  await expect(page).toHaveURL(new RegExp(`/admin/members/${follower}$`))

  // the kept member carries both openids; the OA identity shows its consent
  const identities = page.getByTestId('member-identities')
  await expect(identities).toContainText(mpOpenid)
  const oaRow = identities.locator('.el-table__body tr', { hasText: oaOpenid })
  await expect(oaRow.getByTestId('identity-consent')).toContainText('已授权')

  const [merge] = await owner.get<Merge[]>(`/api/members/${follower}/merges`)
  expect(merge).toMatchObject({ keptMemberId: follower, mergedMemberId: mpMember, reason: 'unionid', identifier: unionid, undoneAt: null })
  const merges = page.getByTestId('member-merges')
  const row = merges.locator('.el-table__body tr', { has: page.locator(`[data-merge-id="${merge.id}"]`) })
  await expect(row).toContainText(`会员 #${mpMember}`)
  await expect(row).toContainText('UnionID 相同')
  await expect(row.getByTestId('merge-identifier')).toHaveText(unionid)
  await expect(row).toContainText('系统自动')
  await expect(row.getByTestId('merge-state')).toContainText('生效中')

  await row.getByTestId('merge-undo').click()
  await confirmMessageBox(page, '不会再自动合并')
  await expect(page.getByTestId('merge-undone-alert')).toContainText(`会员 #${mpMember} 已恢复`)
  await expect(row.getByTestId('merge-state')).toContainText('已撤销')
  await expect(row.getByTestId('merge-undo')).toHaveCount(0)
  // the mini-program identity went back with the restored member
  await expect(identities).not.toContainText(mpOpenid)

  const [undone] = await owner.get<Merge[]>(`/api/members/${follower}/merges`)
  expect(undone.undoneAt).toBeTruthy()
  expect(undone.undoneBy).toBe(ADMIN.username)
  expect((await owner.fetch(`/api/members/${mpMember}`)).status).toBe(200)

  await page.getByTestId('merge-restored-link').click()
  await expect(page).toHaveURL(new RegExp(`/admin/members/${mpMember}$`))
  await expect(page.getByTestId('member-identities')).toContainText(mpOpenid)
  const back = page.getByTestId('member-merges').locator('.el-table__body tr', { has: page.locator(`[data-merge-id="${merge.id}"]`) })
  await expect(back).toContainText(`已并入 会员 #${follower}`)
  await expect(back.getByTestId('merge-state')).toContainText('已撤销')
})

test('undoing a merge is not offered to store roles', async ({ page, request }) => {
  const owner = await Api.login(request)
  const store = (await owner.get<{ id: number }[]>('/api/stores'))[0]
  const username = `stf_${suffix()}`
  await owner.post('/api/users', { username, password: 'Userpass#12345', displayName: username, role: 'store_staff', storeIds: [store.id] })
  const member = (await owner.get<MemberPage>('/api/members', { storeId: store.id, limit: 1 })).items[0]
  await loginUi(page, username, 'Userpass#12345')
  await page.goto(`/admin/members/${member.id}`)
  await expect(page.getByTestId('member-name')).toBeVisible()
  await expect(page.getByTestId('member-merges')).toBeVisible()
  await expect(page.getByTestId('merge-undo')).toHaveCount(0)
})
