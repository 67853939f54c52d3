import { expect, test, type APIRequestContext, type Page } from '@playwright/test'
import { CENTER, HOME, TOKEN_KEY, getMe, readStored } from './helpers'

/** A number no other run has bound: 139 + 8 random digits. */
function freshPhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`
}

const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`

async function openCenter(page: Page) {
  await page.goto(CENTER)
  await expect(page.locator('.center__nickname:visible')).not.toBeEmpty()
}

/** A member made the way the app makes one (sandbox login), holding `phone`. */
async function memberHolding(request: APIRequestContext, phone: string) {
  const openid = `oE2eHolder${Math.random().toString(36).slice(2, 12)}`
  const { code } = await (await request.post('/sandbox/miniapp/login-code', { data: { openid } })).json()
  const { token, member } = await (await request.post('/api/mp/auth/login', { data: { code } })).json()
  const phoneCode = (await (await request.post('/sandbox/miniapp/phone-code', { data: { openid, phone } })).json()).code
  const bound = await request.post('/api/mp/me/phone', { data: { code: phoneCode }, headers: { Authorization: `Bearer ${token}` } })
  expect(bound.status()).toBe(200)
  return member.id as number
}

test.describe('binding a phone (H5, sandbox)', () => {
  test('the member binds a phone in the dialog and then sees it masked', async ({ page, request }, testInfo) => {
    await openCenter(page)
    await expect(page.locator('.center__phone:visible')).toHaveText('手机号 未绑定')
    const bindButton = page.locator('.center__bind-btn:visible')
    await expect(bindButton).toHaveText('绑定手机号')
    await bindButton.click()

    const dialog = page.locator('.phone-dialog')
    await expect(dialog).toBeVisible()
    const input = dialog.locator('.phone-dialog__input input')
    // a wrong number is refused before anything is sent
    await input.fill('12345')
    await dialog.locator('.phone-dialog__confirm').click()
    await expect(dialog.locator('.phone-dialog__error')).toHaveText('请输入正确的 11 位手机号')

    const phone = freshPhone()
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/mp/me/phone' && r.request().method() === 'POST')
    await input.fill(phone)
    await dialog.locator('.phone-dialog__confirm').click()
    const res = await answer
    expect(res.status()).toBe(200)
    expect(await res.json()).toMatchObject({ phoneBinding: 'bound', phoneMasked: masked(phone) })

    await expect(dialog).toBeHidden()
    await expect(page.locator('.center__phone:visible')).toHaveText(`手机号 ${masked(phone)}`)
    await expect(page.locator('.center__bind:visible')).toHaveCount(0)
    await page.screenshot({ path: testInfo.outputPath('phone-bound.png'), fullPage: true })

    // the server has it, and a reload shows it
    const token = await readStored(page, TOKEN_KEY)
    expect((await getMe(request, token as string)).phoneMasked).toBe(masked(phone))
    await page.reload()
    await expect(page.locator('.center__phone:visible')).toHaveText(`手机号 ${masked(phone)}`)
  })

  test('a verified number another member holds makes them one member: the app carries on as the older record', async ({ page, request }) => {
    const phone = freshPhone()
    const holder = await memberHolding(request, phone)
    await openCenter(page)
    const before = await readStored(page, TOKEN_KEY)
    await page.locator('.center__bind-btn:visible').click()
    await page.locator('.phone-dialog__input input').fill(phone)
    const answer = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/mp/me/phone' && r.request().method() === 'POST')
    await page.locator('.phone-dialog__confirm').click()
    expect(await (await answer).json()).toMatchObject({ phoneBinding: 'merged', id: holder, phoneMasked: masked(phone) })
    await expect(page.locator('.phone-dialog')).toBeHidden()
    await expect(page.locator('.center__phone:visible')).toHaveText(`手机号 ${masked(phone)}`)
    // the session now belongs to the record that remained
    const after = await readStored(page, TOKEN_KEY)
    expect(after).not.toBe(before)
    expect((await getMe(request, after as string)).id).toBe(holder)
    await page.reload()
    await expect(page.locator('.center__phone:visible')).toHaveText(`手机号 ${masked(phone)}`)
  })

  test('cancelling the dialog binds nothing', async ({ page }) => {
    await openCenter(page)
    await page.locator('.center__bind-btn:visible').click()
    await page.locator('.phone-dialog__input input').fill(freshPhone())
    await page.locator('.phone-dialog__cancel').click()
    await expect(page.locator('.phone-dialog')).toBeHidden()
    await expect(page.locator('.center__phone:visible')).toHaveText('手机号 未绑定')
  })
})

test.describe('page views (H5)', () => {
  test('each page shown is reported, in one batch when the app goes to the background', async ({ page }) => {
    await page.goto(HOME)
    await expect(page.locator('.home__member')).toBeVisible()
    await page.getByText('进入会员中心').click()
    await expect(page.locator('.center__nickname:visible')).not.toBeEmpty()

    const sent = page.waitForRequest((r) => new URL(r.url()).pathname === '/api/mp/events/page-views')
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true })
      document.dispatchEvent(new Event('visibilitychange'))
    })
    const req = await sent
    const { views } = req.postDataJSON() as { views: { path: string; referrer?: string; title?: string; viewId: string; durationMs?: number }[] }
    expect(views.map((v) => v.path)).toEqual(['pages/index/index', 'packageMember/pages/center/index'])
    expect(views[0].title).toBe('首页')
    expect(views[1]).toMatchObject({ referrer: 'pages/index/index', title: '会员中心' })
    for (const v of views) {
      expect(v.viewId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      expect(v.durationMs).toBeGreaterThanOrEqual(0)
    }
    const res = await req.response()
    expect(res?.status()).toBe(200)
    expect(await res?.json()).toEqual({ accepted: 2, duplicates: 0 })
  })
})
