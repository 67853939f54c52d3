import { expect, test } from '@playwright/test'
import { Api, loginUi, pickOption, randomAesKey, randomAppId, suffix } from './helpers'

test('in the sandbox an OA subscribe with a scene shows up on the new member’s timeline', async ({ page, request }) => {
  const owner = await Api.login(request)
  const appId = randomAppId()
  const name = `E2E沙箱号-${suffix()}`
  await owner.post('/api/channels', {
    type: 'oa',
    name,
    appId,
    secret: `Secret${suffix()}`,
    token: 'sandboxTok1',
    // safe mode: the push is encrypted and signed like the real one
    encodingAesKey: randomAesKey(),
  })
  const scene = `e2e_${suffix()}`

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('沙箱微信').click()
  await expect(page).toHaveURL(/\/admin\/sandbox/)
  await pickOption(page, page.getByTestId('sandbox-oa-account'), appId, { filter: false })

  // a consumer nobody has seen before (el-input puts the test id on the <input> itself)
  const openidInput = page.getByTestId('sandbox-openid')
  const before = await openidInput.inputValue()
  await page.getByTestId('sandbox-new-openid').click()
  await expect(openidInput).not.toHaveValue(before)
  const openid = await openidInput.inputValue()
  expect(openid).toMatch(/^oSandbox/)

  await expect(page.getByTestId('sandbox-oa-kind')).toContainText('关注')
  await page.getByTestId('sandbox-oa-scene').fill(scene)
  await page.getByTestId('sandbox-oa-send').click()

  const result = page.getByTestId('sandbox-result')
  await expect(result).toContainText('200')
  // the sandbox recorded nothing wrong; the calls log is refreshed after a push
  await expect(page.getByTestId('sandbox-calls')).toBeVisible()

  const link = page.getByTestId('sandbox-member-link')
  await expect(link).toBeVisible({ timeout: 30_000 })
  await link.click()
  await expect(page).toHaveURL(/\/admin\/members\/\d+/)
  const timeline = page.getByTestId('member-timeline')
  const item = timeline.getByTestId('timeline-item').filter({ hasText: '关注公众号' })
  // the member may be found a moment before the event is linked to it: refresh like a user would
  await expect(async () => {
    if (!(await item.count())) await timeline.getByTestId('timeline-refresh').click()
    await expect(item.first()).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 30_000 })
  await expect(item.first()).toContainText('二维码场景值')
  await expect(item.first()).toContainText(scene)
  // and the member carries the openid we played
  await expect(page.getByTestId('member-identities')).toContainText(openid)

  // the openid is kept, so the same "consumer" comes back
  await page.goto('/admin/sandbox')
  await expect(page.getByTestId('sandbox-openid')).toHaveValue(openid)
})
