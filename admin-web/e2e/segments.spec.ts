import { expect, test } from '@playwright/test'
import { Api, loginUi, newUser, pickOption, suffix } from './helpers'
import type { Locator } from '@playwright/test'
import type { MemberRow, TagRow } from './helpers'

/** The text box of a value editor (Element Plus puts the test id on the <input> of el-input, on the wrapper of others). */
function inputOf(scope: Locator, testId: string): Locator {
  return scope.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first()
}

interface Preview {
  count: number
  sample: MemberRow[]
}

test('a three-clause segment built in the UI counts like the API, saves, and lists its members', async ({ page, request }) => {
  const api = await Api.login(request)
  const s = suffix()
  const city = `E2E城${s}`
  const tag = await api.post<TagRow>('/api/tags', { name: `分群标签-${s}` })
  const tagged = await api.post<MemberRow>('/api/members', { nickname: `分群甲-${s}`, city })
  const untagged = await api.post<MemberRow>('/api/members', { nickname: `分群乙-${s}`, city })
  await api.post(`/api/members/${tagged.id}/tags`, { tagIds: [tag.id] })
  const rule = {
    kind: 'group',
    op: 'and',
    rules: [
      { kind: 'attribute', field: 'city', operator: 'eq', value: city },
      { kind: 'tags', match: 'any', tagIds: [tag.id] },
      { kind: 'event', eventType: 'pay.paid', did: false, lastDays: 60 },
    ],
  }

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('分群', { exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/segments$/)
  await page.getByTestId('new-segment').click()
  const builder = page.getByTestId('segment-builder')
  const conditions = builder.getByTestId('rule-condition')
  await expect(conditions).toHaveCount(1)

  // city = X
  const first = conditions.nth(0)
  await pickOption(page, first.getByTestId('condition-field'), '城市')
  await expect(first.getByTestId('condition-operator')).toContainText('等于')
  await inputOf(first, 'condition-value').fill(city)

  // has the tag
  await builder.getByTestId('add-condition').first().click()
  const second = conditions.nth(1)
  await pickOption(page, second.getByTestId('condition-kind'), '标签', { filter: false })
  await pickOption(page, second.getByTestId('condition-tags'), tag.name, { closeBy: builder.locator('h4').first() })

  // did not pay in the last 60 days
  await builder.getByTestId('add-condition').first().click()
  const third = conditions.nth(2)
  await pickOption(page, third.getByTestId('condition-kind'), '行为', { filter: false })
  await pickOption(page, third.getByTestId('condition-did'), '没做过', { filter: false })
  await pickOption(page, third.getByTestId('condition-window'), '最近 N 天', { filter: false })
  await pickOption(page, third.getByTestId('condition-event'), '支付成功')
  // the rule is complete from here on: let that count settle, so the next preview is the last edit's
  await expect(builder.getByTestId('live-count')).toBeVisible()
  const finalPreview = page.waitForResponse((r) => r.url().endsWith('/api/segments/preview') && r.request().method() === 'POST')
  await inputOf(third, 'condition-last-days').fill('60')
  await inputOf(third, 'condition-last-days').press('Tab')
  const shown = (await (await finalPreview).json()) as Preview

  const expected = await api.post<Preview>('/api/segments/preview', { rule })
  expect(expected.count).toBe(1)
  expect(shown.count).toBe(expected.count)
  await expect(builder.getByTestId('live-count')).toHaveAttribute('data-count', String(expected.count))
  await expect(builder.getByTestId('segment-sample')).toContainText(tagged.nickname!)
  await expect(builder.getByTestId('segment-sample')).not.toContainText(untagged.nickname!)

  const name = `E2E分群-${s}`
  await builder.getByTestId('segment-save').click()
  const dialog = page.getByTestId('segment-save-dialog')
  await dialog.locator('input[name="segmentName"]').fill(name)
  await dialog.getByTestId('segment-save-submit').click()
  await expect(page).toHaveURL(/\/admin\/segments$/)
  const row = page.getByTestId('segments-table').locator('.el-table__body tr', { hasText: name })
  await expect(row.getByTestId('segment-count')).toHaveText(String(expected.count))
  await expect(row).toContainText('动态')
  const saved = (await api.get<{ name: string; type: string; rule: unknown; count: number }[]>('/api/segments')).find((x) => x.name === name)
  expect(saved).toMatchObject({ type: 'dynamic', rule, count: expected.count })

  await row.getByTestId('segment-members').click()
  await expect(page).toHaveURL(/\/admin\/segments\/\d+\/members$/)
  const members = page.getByTestId('segment-members-table')
  await expect(members.getByTestId('member-link')).toHaveCount(1)
  await expect(members).toContainText(tagged.nickname!)
  await expect(page.getByTestId('segment-members-end')).toBeVisible()
})

test('a store role has no segments menu entry', async ({ page, request }) => {
  const owner = await Api.login(request)
  const stores = await owner.get<{ id: number }[]>('/api/stores')
  const user = await newUser(owner, 'store_staff', [stores[0].id])
  await loginUi(page, user.username, user.password)
  await expect(page.getByTestId('side-menu').getByText('会员列表')).toBeVisible()
  await expect(page.getByTestId('side-menu').getByText('分群', { exact: true })).toHaveCount(0)
  await page.goto('/admin/segments')
  await expect(page.getByTestId('forbidden')).toBeVisible()
})
