import { generateKeyPairSync } from 'node:crypto'
import { expect, test } from '@playwright/test'
import type { APIRequestContext } from '@playwright/test'
import { Api, loginUi, pickOption, randomAesKey, randomAppId, randomCorpId, randomPhone, suffix } from './helpers'
import type { MemberPage } from './helpers'

interface TimelineItem {
  type: string
  properties: Record<string, unknown>
}

async function eventsOf(owner: Api, memberId: number, type: string): Promise<TimelineItem[]> {
  return (await owner.get<{ items: TimelineItem[] }>(`/api/members/${memberId}/events`, { type, limit: 20 })).items
}

test('the sandbox plays a mini-program user (login, phone button, subscribe popup) and WeChat Pay', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const mpAppId = randomAppId()
  await owner.post('/api/channels', { type: 'miniapp', name: `E2E小程序-${tag}`, appId: mpAppId, secret: `Secret${tag}`, token: 'mpTok1', encodingAesKey: randomAesKey() })
  const platform = (await (await request.get('/sandbox/pay/platform-key')).json()) as { serialNo: string; publicKey: string }
  const mchId = String(1_900_000_000 + Math.floor(Math.random() * 99_999_999))
  const merchantKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()
  await owner.post('/api/channels', {
    type: 'pay',
    name: `E2E商户-${tag}`,
    mchId,
    apiV3Key: `${'a'.repeat(16)}${'B'.repeat(16)}`,
    privateKey: merchantKey,
    certSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
    platformPublicKey: platform.publicKey,
    platformSerialNo: platform.serialNo,
  })

  await loginUi(page)
  await page.goto('/admin/sandbox')
  await page.getByRole('tab', { name: '小程序' }).click()
  const mp = page.getByTestId('sandbox-miniapp')

  // wx.login: the code logs in to the configured mini-program (the first option)
  await mp.getByTestId('sandbox-mp-new-openid').click()
  const openid = await mp.getByTestId('sandbox-mp-openid').inputValue()
  expect(openid).toMatch(/^oSandboxMp/)
  await mp.getByTestId('sandbox-mp-login-code').click()
  const code = (await mp.getByTestId('sandbox-mp-code').textContent())?.trim() ?? ''
  const login = await request.post('/api/mp/auth/login', { data: { code } })
  expect(login.status(), await login.text()).toBe(200)
  const session = (await login.json()) as { token: string; member: { id: number } }
  expect((await owner.get<MemberPage>('/api/members', { q: openid })).items.map((m) => m.id)).toEqual([session.member.id])

  // the phone-number button: its code binds the number to that member
  const phone = randomPhone()
  await mp.getByTestId('sandbox-mp-phone').fill(phone)
  await mp.getByTestId('sandbox-mp-phone-code').click()
  const phoneCode = (await mp.getByTestId('sandbox-mp-phone-code-value').textContent())?.trim() ?? ''
  const bound = await request.post('/api/mp/me/phone', { data: { code: phoneCode }, headers: { Authorization: `Bearer ${session.token}` } })
  expect(bound.status(), await bound.text()).toBe(200)
  expect(((await bound.json()) as { phoneBinding: string }).phoneBinding).toBe('bound')

  // the subscribe popup of another mini-program, answered by a new user: one event per template
  await pickOption(page, mp.getByTestId('sandbox-mp-account'), mpAppId, { filter: false })
  await mp.getByTestId('sandbox-mp-new-openid').click()
  const subscriber = await mp.getByTestId('sandbox-mp-openid').inputValue()
  const template = `TPL_e2e_${tag}`
  await mp.getByTestId('sandbox-mp-template-0').fill(template)
  await mp.getByTestId('sandbox-mp-subscribe-send').click()
  await expect(mp.getByTestId('sandbox-result-body')).toHaveText('success')
  const link = mp.getByTestId('sandbox-member-link')
  await expect(link).toBeVisible({ timeout: 30_000 })
  const subscriberId = Number(/#(\d+)/.exec((await link.textContent()) ?? '')?.[1])
  expect((await owner.get<MemberPage>('/api/members', { q: subscriber })).items.map((m) => m.id)).toEqual([subscriberId])
  await expect
    .poll(async () => (await eventsOf(owner, subscriberId, 'mp.subscribe_result')).map((e) => `${String(e.properties.templateId)}:${String(e.properties.status)}`))
    .toEqual([`${template}:accept`])

  // WeChat Pay: the logged-in user pays 12.34 yuan, then is refunded
  await page.getByRole('tab', { name: '微信支付' }).click()
  const pay = page.getByTestId('sandbox-pay')
  await pickOption(page, pay.getByTestId('sandbox-pay-account'), mchId, { filter: false })
  await pay.getByTestId('sandbox-pay-openid').fill(openid)
  await pay.getByTestId('sandbox-pay-amount').fill('12.34')
  const order = `E2E${tag}`
  await pay.getByTestId('sandbox-pay-outTradeNo').fill(order)
  await pay.getByTestId('sandbox-pay-send').click()
  await expect(pay.getByTestId('sandbox-result')).toContainText('204')
  await expect.poll(async () => (await eventsOf(owner, session.member.id, 'pay.paid')).map((e) => [e.properties.outTradeNo, e.properties.amount])).toEqual([
    [order, 1234],
  ])
  await expect(pay.getByTestId('sandbox-member-link')).toContainText(`#${session.member.id}`, { timeout: 30_000 })

  // a refund notify is signed and accepted too; WeChat names no payer in it, so no member is shown
  await pay.getByTestId('sandbox-pay-kind').getByText('退款成功').click()
  await pay.getByTestId('sandbox-pay-amount').fill('2')
  await pay.getByTestId('sandbox-pay-send').click()
  const refund = pay.getByTestId('sandbox-result')
  await expect(refund.getByTestId('sandbox-result-body')).toHaveText('""')
  await expect(refund).toContainText('204')
  await expect(refund).toContainText('REFUND.SUCCESS')
  await expect(refund.getByTestId('sandbox-member')).toHaveCount(0)
})

/** Plays our own server calling WeCom: an app message to a staff member and a customer mass message. */
async function wecomCall(request: APIRequestContext, corpId: string, secret: string, api: string, data: unknown): Promise<Record<string, unknown>> {
  const token = (await (await request.get('/sandbox/qyapi/cgi-bin/gettoken', { params: { corpid: corpId, corpsecret: secret } })).json()) as {
    access_token: string
  }
  const res = (await (await request.post(`/sandbox/qyapi/cgi-bin/${api}`, { params: { access_token: token.access_token }, data })).json()) as Record<
    string,
    unknown
  >
  expect(res.errcode, JSON.stringify(res)).toBe(0)
  return res
}

test('the staff inbox shows app messages sent to staff and lets a staff member confirm a mass message', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const corpId = randomCorpId()
  const secret = `wecom-secret-${tag}`
  await owner.post('/api/channels', { type: 'wecom', name: `E2E企微-${tag}`, corpId, agentId: 1000002, secret, token: 'wecomTok1', encodingAesKey: randomAesKey() })
  const notice = `新客户到店提醒 ${tag}`
  await wecomCall(request, corpId, secret, 'message/send', { touser: 'li_na', msgtype: 'text', agentid: 1000002, text: { content: notice } })
  const externalUserId = `wmInbox${tag}`
  await request.post('/sandbox/wecom/customers', { data: { corpId, userId: 'li_na', externalUserId } })
  const promo = `双十一会员专享 ${tag}`
  const task = await wecomCall(request, corpId, secret, 'externalcontact/add_msg_template', {
    chat_type: 'single',
    external_userid: [externalUserId],
    sender: 'li_na',
    text: { content: promo },
  })

  await loginUi(page)
  await page.goto('/admin/sandbox')
  await page.getByRole('tab', { name: '员工收件箱' }).click()
  const inbox = page.getByTestId('sandbox-inbox')
  await pickOption(page, inbox.getByTestId('sandbox-inbox-account'), corpId, { filter: false })
  await inbox.getByTestId('sandbox-inbox-user').fill('li_na')
  await inbox.getByTestId('sandbox-inbox-refresh').click()
  await expect(inbox.getByTestId('sandbox-inbox-messages').getByTestId('inbox-message')).toHaveText([notice])

  const row = inbox.getByTestId('sandbox-inbox-tasks').locator('.el-table__body tr', { hasText: promo })
  await expect(row.getByTestId('inbox-task-counts')).toContainText('待发送 1')
  await row.getByTestId('inbox-task-confirm').click()
  await expect(row.getByTestId('inbox-task-counts')).toContainText('已发送 1')
  await expect(row.getByTestId('inbox-task-confirm')).toHaveCount(0)
  const templates = (await (await request.get('/sandbox/wecom/msg-templates', { params: { corpId } })).json()) as { msgid: string; targets: { status: number }[] }[]
  expect(templates.find((t) => t.msgid === task.msgid)?.targets.map((t) => t.status)).toEqual([1])

  // another staff member's inbox is empty
  await inbox.getByTestId('sandbox-inbox-user').fill('wang_fang')
  await inbox.getByTestId('sandbox-inbox-refresh').click()
  await expect(inbox.getByTestId('sandbox-inbox-messages').getByTestId('inbox-message')).toHaveCount(0)
})
