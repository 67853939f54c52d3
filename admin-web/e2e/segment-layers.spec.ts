import { generateKeyPairSync } from 'node:crypto'
import { expect, test } from '@playwright/test'
import type { APIRequestContext, Locator, Page } from '@playwright/test'
import { ADMIN, Api, confirmMessageBox, loginUi, pickOption, suffix } from './helpers'

interface RfmLayer {
  config: { recencyDays: number; frequencyMin: number; monetaryMin: number }
  groups: { group: string; label: string; count: number }[]
}
interface LifecycleLayer {
  config: { model: string; stages: { key: string; label: string; rule: object }[] }
  stages: { key: string; label: string; count: number }[]
  presets: { model: string; stages: object[] }[]
}
interface Preview {
  count: number
}

const DEFAULT_RFM = { recencyDays: 90, frequencyMin: 2, monetaryMin: 50_000 }

/** The text box of an Element Plus input (the test id sits on the wrapper of el-input-number). */
function inputOf(scope: Locator, testId: string): Locator {
  return scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
}

/** PUT and PATCH, which the shared Api helper does not have, as the owner. */
async function send<T>(request: APIRequestContext, token: string, method: 'put' | 'patch', path: string, data: unknown): Promise<T> {
  const res = await request[method](path, { headers: { Authorization: `Bearer ${token}` }, data })
  expect(res.ok(), `${method.toUpperCase()} ${path}: ${res.status()} ${await res.text()}`).toBe(true)
  return (await res.json()) as T
}

async function ownerToken(request: APIRequestContext): Promise<string> {
  const res = await request.post('/api/auth/login', { data: ADMIN })
  expect(res.status()).toBe(200)
  return ((await res.json()) as { accessToken: string }).accessToken
}

/**
 * A mini-program member who paid `orders` times `amount` fen through the sandbox WeChat Pay, named
 * `nickname` so rules can single them out.
 */
async function payer(request: APIRequestContext, token: string, mchId: string, nickname: string, orders: number, amount: number): Promise<number> {
  const login = (await (await request.post('/sandbox/miniapp/login-code', { data: {} })).json()) as { code: string; openid: string }
  const session = await request.post('/api/mp/auth/login', { data: { code: login.code } })
  expect(session.status(), await session.text()).toBe(200)
  const memberId = ((await session.json()) as { member: { id: number } }).member.id
  await send(request, token, 'patch', `/api/members/${memberId}`, { nickname })
  for (let i = 0; i < orders; i++) {
    const paid = await request.post('/sandbox/pay/emit', { data: { mchId, kind: 'paid', openid: login.openid, amount, outTradeNo: `LAYER-${suffix()}` } })
    expect(paid.status(), await paid.text()).toBe(200)
  }
  return memberId
}

async function groupCounts(api: Api): Promise<Record<string, number>> {
  return Object.fromEntries((await api.get<RfmLayer>('/api/segment-layers/rfm')).groups.map((g) => [g.group, g.count]))
}

async function shownGroupCounts(page: Page): Promise<Record<string, number>> {
  const cards = page.getByTestId('rfm-group')
  await expect(cards).toHaveCount(8)
  const out: Record<string, number> = {}
  for (const card of await cards.all()) {
    out[(await card.getAttribute('data-group'))!] = Number(await card.getByTestId('rfm-count').getAttribute('data-count'))
  }
  return out
}

async function setThresholds(page: Page, days: number, orders: number, yuan: number): Promise<RfmLayer> {
  const form = page.getByTestId('rfm-thresholds')
  for (const [id, v] of [['rfm-recency-days', days], ['rfm-frequency-min', orders], ['rfm-monetary-min', yuan]] as const) {
    await inputOf(form, id).fill(String(v))
    await inputOf(form, id).press('Tab')
  }
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/segment-layers/rfm') && r.request().method() === 'PUT')
  await form.getByTestId('rfm-save').click()
  const res = await saved
  expect(res.status()).toBe(200)
  return (await res.json()) as RfmLayer
}

test.describe.serial('segment layers', () => {
  let nick: string

  test.beforeAll(async ({ request }) => {
    const api = await Api.login(request)
    nick = `分层-${suffix()}`
    const platform = (await (await request.get('/sandbox/pay/platform-key')).json()) as { serialNo: string; publicKey: string }
    const mchId = String(1_900_000_000 + Math.floor(Math.random() * 99_999_999))
    await api.post('/api/channels', {
      type: 'pay',
      name: `E2E分层商户-${suffix()}`,
      mchId,
      apiV3Key: `${'a'.repeat(16)}${'B'.repeat(16)}`,
      privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      certSerialNo: '5157F09EFDC096DE15EBE81A47057A72',
      platformPublicKey: platform.publicKey,
      platformSerialNo: platform.serialNo,
    })
    const token = await ownerToken(request)
    await send(request, token, 'put', '/api/segment-layers/rfm', DEFAULT_RFM)
    // two orders of 300 yuan just now: important value with the default thresholds (2 orders, 500 yuan, 90 days)
    await payer(request, token, mchId, `${nick}-甲`, 2, 30_000)
    await expect
      .poll(async () => (await api.post<Preview>('/api/segments/preview', { rule: { kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'nickname', operator: 'eq', value: `${nick}-甲` }, { kind: 'rfm', group: 'importantValue' }] } })).count, { timeout: 30_000 })
      .toBe(1)
  })

  test.afterAll(async ({ request }) => {
    await send(request, await ownerToken(request), 'put', '/api/segment-layers/rfm', DEFAULT_RFM)
  })

  test('the owner sets RFM thresholds (yuan on screen) and sees the group counts move', async ({ page, request }) => {
    const api = await Api.login(request)
    await loginUi(page)
    await page.getByTestId('side-menu').getByText('分层', { exact: true }).click()
    await expect(page).toHaveURL(/\/admin\/segments\/layers$/)
    const panel = page.getByTestId('rfm-panel')
    await expect(panel.getByTestId('rfm-group').first()).toBeVisible()
    expect(await shownGroupCounts(page)).toEqual(await groupCounts(api))

    // 500 yuan on screen is 50,000 fen in the API
    const before = await setThresholds(page, 90, 2, 500)
    expect(before.config).toEqual(DEFAULT_RFM)
    const counts = await groupCounts(api)
    expect(counts.importantValue).toBeGreaterThanOrEqual(1)
    expect(await shownGroupCounts(page)).toEqual(counts)

    // three orders make "frequent" now: the two-order payer moves to "important, to develop"
    const after = await setThresholds(page, 90, 3, 500)
    expect(after.config).toEqual({ recencyDays: 90, frequencyMin: 3, monetaryMin: 50_000 })
    const moved = await groupCounts(api)
    expect(moved.importantDevelop).toBeGreaterThanOrEqual(1)
    expect(moved.importantValue).toBeLessThan(counts.importantValue)
    await expect(panel.locator('[data-group="importantValue"] [data-testid="rfm-count"]')).toHaveAttribute('data-count', String(moved.importantValue))
    expect(await shownGroupCounts(page)).toEqual(moved)
    const member = (await api.post<Preview>('/api/segments/preview', { rule: { kind: 'group', op: 'and', rules: [{ kind: 'attribute', field: 'nickname', operator: 'eq', value: `${nick}-甲` }, { kind: 'rfm', group: 'importantDevelop' }] } })).count
    expect(member).toBe(1)

    await setThresholds(page, 90, 2, 500)
  })

  test('a rule with an RFM group and a lifecycle stage counts in the builder as the API does', async ({ page, request }) => {
    const api = await Api.login(request)
    const lifecycle = await api.get<LifecycleLayer>('/api/segment-layers/lifecycle')
    const paidStage = lifecycle.config.stages.find((s) => s.key === 'purchase' || s.key === 'revenue')!
    const rfm = await api.get<RfmLayer>('/api/segment-layers/rfm')
    const important = rfm.groups.find((g) => g.group === 'importantValue')!

    await loginUi(page)
    await page.goto('/admin/segments/layers')
    // "build a segment" on a group card opens the builder with that group's rule
    await page.locator('[data-group="importantValue"]').getByTestId('rfm-build-segment').click()
    await expect(page).toHaveURL(/\/admin\/segments\/new\?rule=/)
    const builder = page.getByTestId('segment-builder')
    const conditions = builder.getByTestId('rule-condition')
    await expect(conditions).toHaveCount(1)
    await expect(conditions.nth(0)).toHaveAttribute('data-kind', 'rfm')
    await expect(conditions.nth(0).getByTestId('condition-rfm-group')).toContainText(important.label)
    await expect(builder.getByTestId('live-count')).toHaveAttribute('data-count', String(important.count))

    // and: the member's lifecycle stage is the paying one
    await builder.getByTestId('add-condition-menu').first().click()
    await page.locator('.el-dropdown-menu:visible').getByText('生命周期', { exact: true }).click()
    await expect(conditions).toHaveCount(2)
    const finalPreview = page.waitForResponse((r) => r.url().endsWith('/api/segments/preview') && r.request().method() === 'POST')
    await pickOption(page, conditions.nth(1).getByTestId('condition-lifecycle'), paidStage.label, { filter: false, closeBy: builder.locator('h4').first() })
    const shown = (await (await finalPreview).json()) as Preview

    const rule = { kind: 'group', op: 'and', rules: [{ kind: 'rfm', group: 'importantValue' }, { kind: 'lifecycle', stages: [paidStage.key] }] }
    const expected = await api.post<Preview>('/api/segments/preview', { rule })
    expect(expected.count).toBeGreaterThanOrEqual(1)
    expect(shown.count).toBe(expected.count)
    await expect(builder.getByTestId('live-count')).toHaveAttribute('data-count', String(expected.count))
  })

  test('the lifecycle model: funnel of stage counts, a preset, a stage rule edited in the builder', async ({ page, request }) => {
    const api = await Api.login(request)
    const token = await ownerToken(request)
    const saved = await api.get<LifecycleLayer>('/api/segment-layers/lifecycle')
    try {
      await loginUi(page)
      await page.goto('/admin/segments/layers')
      await page.getByRole('tab', { name: '生命周期' }).click()
      const panel = page.getByTestId('lifecycle-panel')
      const funnel = panel.getByTestId('funnel-stage')
      await expect(funnel).toHaveCount(saved.stages.length)
      for (const s of saved.stages) await expect(panel.locator(`[data-testid="funnel-stage"][data-key="${s.key}"]`)).toHaveAttribute('data-count', String(s.count))

      // switch to AARRR: its preset stages, saved
      await panel.getByTestId('lifecycle-model').getByText(saved.config.model === 'aarrr' ? 'AIPL' : 'AARRR').click()
      await confirmMessageBox(page)
      await expect(panel.getByTestId('lifecycle-dirty')).toBeVisible()
      // the second stage's rule, opened in the builder: one more condition
      await panel.getByTestId('stage-edit-rule').nth(1).click()
      const dialog = page.getByTestId('stage-rule-dialog')
      await expect(dialog.getByTestId('rule-group').first()).toBeVisible()
      await dialog.getByTestId('add-condition').first().click()
      const added = dialog.getByTestId('rule-condition').last()
      await pickOption(page, added.getByTestId('condition-field'), '注册时间')
      await pickOption(page, added.getByTestId('condition-operator'), '有值', { filter: false })
      await dialog.getByTestId('stage-rule-apply').click()
      await expect(dialog).toBeHidden()

      const saving = page.waitForResponse((r) => r.url().endsWith('/api/segment-layers/lifecycle') && r.request().method() === 'PUT')
      await panel.getByTestId('lifecycle-save').click()
      expect((await saving).status()).toBe(200)
      const now = await api.get<LifecycleLayer>('/api/segment-layers/lifecycle')
      expect(now.config.model).not.toBe(saved.config.model)
      expect(JSON.stringify(now.config.stages[1].rule)).toContain('createdAt')
      await expect(funnel).toHaveCount(now.stages.length)
      for (const s of now.stages) await expect(panel.locator(`[data-testid="funnel-stage"][data-key="${s.key}"]`)).toHaveAttribute('data-count', String(s.count))
    } finally {
      await send(request, token, 'put', '/api/segment-layers/lifecycle', saved.config)
    }
  })
})
