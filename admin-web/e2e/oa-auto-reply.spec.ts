import { expect, test } from '@playwright/test'
import { Api, confirmMessageBox, loginUi, pickOption, randomAesKey, randomAppId, suffix } from './helpers'

interface AutoReplyRow {
  id: number
  accountId: number | null
  trigger: string
  keyword: string | null
  match: string
  reply: string
  enabled: boolean
}
interface EmitResult {
  status: number
  reply?: { msgType?: string; content?: string; toUser?: string }
}

test('a keyword auto reply made in the UI answers the sandbox OA, on the API and on the sandbox page', async ({ page, request }) => {
  const owner = await Api.login(request)
  const tag = suffix()
  const appId = randomAppId()
  const accountName = `E2E回复号-${tag}`
  // safe mode: pushes and our passive replies are encrypted like the real ones
  const account = await owner.post<{ id: number }>('/api/channels', {
    type: 'oa',
    name: accountName,
    appId,
    secret: `Secret${tag}`,
    token: 'replyTok1',
    encodingAesKey: randomAesKey(),
  })
  const keyword = `券${tag}`
  const replyText = `感谢关注！优惠码 ${tag}\n到店出示即可。`

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('自动回复').click()
  await expect(page).toHaveURL(/\/admin\/channels\/auto-replies/)
  await page.getByTestId('new-auto-reply').click()
  const dialog = page.getByTestId('auto-reply-dialog')
  await expect(dialog.getByTestId('auto-reply-account')).toContainText('全部公众号')
  await pickOption(page, dialog.getByTestId('auto-reply-account'), appId, { filter: false })
  await expect(dialog.getByTestId('auto-reply-trigger').locator('.is-active')).toHaveText('关键词')

  // the keyword is required for keyword rules, and not asked for otherwise
  await dialog.locator('textarea[name="reply"]').fill(replyText)
  await page.getByTestId('auto-reply-submit').click()
  await expect(dialog.locator('.el-form-item__error')).toContainText('关键词')
  await dialog.getByTestId('auto-reply-trigger').getByText('被关注时').click()
  await expect(dialog.locator('input[name="keyword"]')).toHaveCount(0)
  await dialog.getByTestId('auto-reply-trigger').getByText('关键词').click()

  await dialog.locator('input[name="keyword"]').fill(keyword)
  // character counters on both inputs
  await expect(dialog).toContainText(`${keyword.length} / 30`)
  await expect(dialog).toContainText(`${replyText.length} / 600`)
  await dialog.getByTestId('auto-reply-match').getByText('包含关键词').click()
  await page.getByTestId('auto-reply-submit').click()
  await expect(dialog).toBeHidden()

  const row = page.getByTestId('auto-replies-table').locator('.el-table__body tr', { hasText: keyword })
  await expect(row).toContainText('包含关键词')
  await expect(row).toContainText(accountName)
  await expect(row.getByTestId('auto-reply-preview')).toHaveText(`感谢关注！优惠码 ${tag}…`)

  const saved = (await owner.get<AutoReplyRow[]>('/api/oa/auto-replies')).find((r) => r.keyword === keyword)
  expect(saved).toMatchObject({ accountId: account.id, trigger: 'keyword', match: 'contains', reply: replyText, enabled: true })

  // a follower sends a text containing the keyword: our callback answers with the reply
  const openid = `oE2eReply${tag}`
  const emit = async (content: string): Promise<EmitResult> => {
    const res = await request.post('/sandbox/oa/emit', { data: { appId, kind: 'text', openid, content } })
    expect(res.status(), await res.text()).toBe(200)
    return (await res.json()) as EmitResult
  }
  const answered = await emit(`你好，我想要${keyword}`)
  expect(answered.status).toBe(200)
  expect(answered.reply).toMatchObject({ msgType: 'text', content: replyText, toUser: openid })
  expect((await emit('随便聊聊')).reply).toBeUndefined()

  // the same from the sandbox page: the reply shows under the result
  await page.getByTestId('side-menu').getByText('沙箱微信').click()
  await pickOption(page, page.getByTestId('sandbox-oa-account'), appId, { filter: false })
  await pickOption(page, page.getByTestId('sandbox-oa-kind'), '发送文本消息', { filter: false })
  await page.getByTestId('sandbox-oa-content').fill(keyword)
  await page.getByTestId('sandbox-oa-send').click()
  const reply = page.getByTestId('sandbox-result').getByTestId('sandbox-reply-content')
  await expect(reply).toHaveText(replyText)

  // switching the rule off takes effect at once
  await page.getByTestId('side-menu').getByText('自动回复').click()
  await row.getByTestId('auto-reply-toggle').click()
  await expect(row.getByTestId('auto-reply-toggle')).not.toHaveClass(/is-checked/)
  await expect.poll(async () => (await owner.get<AutoReplyRow[]>('/api/oa/auto-replies')).find((r) => r.id === saved!.id)?.enabled).toBe(false)
  expect((await emit(keyword)).reply).toBeUndefined()

  await row.getByTestId('auto-reply-delete').click()
  await confirmMessageBox(page, keyword)
  await expect(row).toHaveCount(0)
  expect((await owner.get<AutoReplyRow[]>('/api/oa/auto-replies')).some((r) => r.id === saved!.id)).toBe(false)
})
