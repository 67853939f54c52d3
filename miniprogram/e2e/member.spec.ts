import { expect, test } from '@playwright/test'
import { CENTER, HOME, OPENID_KEY, TOKEN_KEY, decodeQr, getMe, isMeResponse, readStored, type MpMember } from './helpers'

test.describe('member center (H5, sandbox login)', () => {
  test('logs in automatically and shows the member with a scannable QR code', async ({ page }, testInfo) => {
    await page.goto(HOME)

    // Home: the sandbox login happens by itself and the member summary appears.
    await expect(page.locator('.home__member')).toBeVisible()
    await expect(page.getByText('进入会员中心')).toBeVisible()
    const token = await readStored(page, TOKEN_KEY)
    expect(token, 'session token stored in localStorage').toBeTruthy()
    expect(await readStored(page, OPENID_KEY)).toMatch(/^o[A-Za-z0-9_-]{27}$/)

    const meResponse = page.waitForResponse(isMeResponse)
    await page.getByText('进入会员中心').click()
    const me = (await (await meResponse).json()) as MpMember

    await expect(page.locator('.center__nickname')).not.toBeEmpty()
    await expect(page.locator('.center__points')).toHaveText(/^[\d,]+$/)
    await expect(page.locator('.center__level')).not.toBeEmpty()
    await expect(page.locator('.center__phone')).toContainText('手机号')
    await expect(page.getByText('会员码', { exact: true })).toBeVisible()

    const qr = page.locator('.member-qr')
    await expect(qr.locator('img')).toBeVisible()
    // The signed member code names this member: M1.<memberId>.<expiryEpochSeconds>.<signature>
    expect(me.memberCode).toMatch(new RegExp(`^M1\\.${me.id}\\.\\d+\\.[A-Za-z0-9_-]+=*$`))
    await expect(qr).toHaveAttribute('data-code', me.memberCode)
    await expect(page.locator('.center__code-expiry')).toContainText('有效期至')
    // The rendered pixels scan back to the memberCode the server issued.
    await expect.poll(async () => decodeQr(await qr.screenshot())).toBe(me.memberCode)

    await page.screenshot({ path: testInfo.outputPath('member-center.png'), fullPage: true })
  })

  test('a reload keeps the same member, and so does a new login from the same browser', async ({ page, request }) => {
    const first = page.waitForResponse(isMeResponse)
    await page.goto(CENTER)
    const before = (await (await first).json()) as MpMember
    await expect(page.locator('.center__nickname')).not.toBeEmpty()

    const again = page.waitForResponse(isMeResponse)
    await page.reload()
    const after = (await (await again).json()) as MpMember
    expect(after.id).toBe(before.id)

    // Drop the session but keep the browser's openid: logging in again finds the same member.
    const oldToken = await readStored(page, TOKEN_KEY)
    await page.evaluate((k) => localStorage.removeItem(k), TOKEN_KEY)
    const relogged = page.waitForResponse(isMeResponse)
    await page.reload()
    const third = (await (await relogged).json()) as MpMember
    expect(third.id).toBe(before.id)
    const newToken = await readStored(page, TOKEN_KEY)
    expect(newToken).toBeTruthy()
    expect((await getMe(request, newToken as string)).id).toBe(before.id)
    expect(oldToken).toBeTruthy()
  })

  test('editing the nickname persists', async ({ page, request }) => {
    await page.goto(CENTER)
    await expect(page.locator('.center__nickname')).not.toBeEmpty()

    await page.locator('.center__profile-btn').click()
    const input = page.locator('.profile__input input')
    await expect(input).toBeVisible()
    // Unique per run so a stale value can't pass the test.
    const nickname = `测试会员${Math.random().toString(36).slice(2, 8)}`
    await input.fill(nickname)
    await page.locator('.profile__save').click()

    // Back on the member center with the new name. (Taro H5 keeps earlier pages in the DOM,
    // hidden, so wait for the route and look at the visible page only.)
    await expect(page).toHaveURL(/#\/packageMember\/pages\/center\/index/)
    await expect(page.locator('.center__nickname:visible')).toHaveText(nickname)

    // The server has it…
    const token = await readStored(page, TOKEN_KEY)
    expect((await getMe(request, token as string)).nickname).toBe(nickname)

    // …and a reload shows it.
    await page.reload()
    await expect(page.locator('.center__nickname:visible')).toHaveText(nickname)
  })

  test('the profile form refuses an empty nickname', async ({ page }) => {
    await page.goto('/h5/#/packageMember/pages/profile/index')
    const input = page.locator('.profile__input input')
    await expect(input).toBeVisible()
    await input.fill('   ')
    await page.locator('.profile__save').click()
    await expect(page.locator('.profile__error')).toHaveText('请输入昵称')
  })

  test('shows an error with a retry when the member cannot be loaded, and recovers', async ({ page }) => {
    // Sign in first so only the member request fails below.
    await page.goto(HOME)
    await expect(page.locator('.home__member')).toBeVisible()

    // The phone loses its connection while the member center loads.
    await page.route('**/api/mp/me', (route) => route.abort('internetdisconnected'))
    await page.goto(CENTER)
    const errorState = page.locator('.page-state--error:visible')
    await expect(errorState).toContainText('会员信息加载失败')
    await expect(errorState).toContainText('网络异常')

    // Back online: 重试 shows the member.
    await page.unroute('**/api/mp/me')
    await errorState.getByText('重试', { exact: true }).click()
    await expect(page.locator('.center__nickname:visible')).not.toBeEmpty()
    await expect(page.locator('.member-qr:visible img')).toBeVisible()
  })

  test('the member code renews itself before it expires', async ({ page }) => {
    // The page's clock is controlled here; the server keeps real time.
    await page.clock.install()
    const first = page.waitForResponse(isMeResponse)
    await page.goto(CENTER)
    const before = (await (await first).json()) as MpMember
    const qr = page.locator('.member-qr:visible')
    await expect(qr).toHaveAttribute('data-code', before.memberCode)

    // Shortly before the code's expiry the page fetches a fresh one and shows it.
    const expiresAt = Number(before.memberCode.split('.')[2]) * 1000
    const renewed = page.waitForResponse(isMeResponse)
    await page.clock.fastForward(Math.max(0, expiresAt - Date.now() - 25_000))
    const after = (await (await renewed).json()) as MpMember
    expect(after.id).toBe(before.id)
    await expect(qr).toHaveAttribute('data-code', after.memberCode)
    await expect.poll(async () => decodeQr(await qr.screenshot())).toBe(after.memberCode)
  })
})
