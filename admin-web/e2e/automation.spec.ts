import { expect, test } from '@playwright/test'
import type { Locator, Page } from '@playwright/test'
import { Api, confirmMessageBox, loginUi, suffix } from './helpers'

interface FlowRow {
  id: number
  name: string
  status: string
  latestVersion: number | null
  graph: { nodes: { id: string; type: string }[]; edges: { from: string; port: string; to: string }[] }
}

/** Drags from one handle to another with real mouse moves, as a user connects two nodes. */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!
  const b = (await to.boundingBox())!
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2)
  await page.mouse.down()
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 })
  await page.mouse.up()
}

test('a flow built on the canvas is validated, then published as version 1 and listed as active', async ({ page, request }) => {
  const api = await Api.login(request)
  const name = `欢迎流程-${suffix()}`

  await loginUi(page)
  await page.getByTestId('side-menu').getByText('自动化流程', { exact: true }).click()
  await expect(page).toHaveURL(/\/admin\/automation$/)
  await page.getByTestId('new-flow').click()
  await page.getByTestId('flow-name-input').fill(name)
  await page.getByTestId('flow-create-submit').click()
  await expect(page).toHaveURL(/\/admin\/automation\/\d+$/)
  const flowId = Number(page.url().split('/').pop())
  await expect(page.getByTestId('flow-title')).toHaveText(name)

  // palette labels come from the node-type registry, in Chinese
  const palette = page.getByTestId('node-palette')
  await expect(palette).toContainText('触发')
  await palette.getByTestId('palette-trigger.manual').click()
  const trigger = page.getByTestId('flow-node-trigger_manual_1')
  await expect(trigger).toContainText('手动或接口加入')
  await expect(page.getByTestId('node-config')).toContainText('此节点无需配置')

  // saved with the trigger alone: its "next" port is not connected
  await page.getByTestId('flow-save').click()
  await expect(page.getByTestId('flow-dirty')).toHaveCount(0)
  await page.getByTestId('flow-validate').click()
  await expect(trigger.getByTestId('node-error-badge')).toBeVisible()
  await expect(page.getByTestId('flow-problems')).toContainText('port next is not connected')

  // the end node is dragged from the palette onto the board
  await palette.getByTestId('palette-goal.end').dragTo(page.getByTestId('flow-board'), { targetPosition: { x: 300, y: 400 } })
  const end = page.getByTestId('flow-node-goal_end_1')
  await expect(end).toContainText('结束')
  await connect(page, trigger.getByTestId('port-trigger_manual_1-next'), end.locator('.vue-flow__handle.target'))
  await expect(page.locator('.vue-flow__edge')).toHaveCount(1)
  await page.getByTestId('flow-save').click()
  await expect(page.getByTestId('flow-dirty')).toHaveCount(0)

  const saved = await api.get<FlowRow>(`/api/automation/flows/${flowId}`)
  expect(saved.graph.nodes.map((n) => n.type)).toEqual(['trigger.manual', 'goal.end'])
  expect(saved.graph.edges).toEqual([{ from: 'trigger_manual_1', port: 'next', to: 'goal_end_1' }])

  await page.getByTestId('flow-publish').click()
  await confirmMessageBox(page, '发布')
  await expect(page.getByTestId('flow-latest-version')).toHaveText('v1')
  await expect(page.getByTestId('flow-status')).toHaveText('运行中')
  await expect(trigger.getByTestId('node-error-badge')).toHaveCount(0)
  await page.getByTestId('flow-versions-open').click()
  await expect(page.getByTestId('flow-version-item')).toHaveCount(1)
  await expect(page.getByTestId('flow-versions')).toContainText('版本 1')
  await page.keyboard.press('Escape')

  await page.getByTestId('side-menu').getByText('自动化流程', { exact: true }).click()
  const row = page.getByTestId('flows-table').locator('.el-table__row', { hasText: name })
  await expect(row.getByTestId('flow-status')).toHaveText('运行中')
  await expect(row.getByTestId('flow-version')).toHaveText('v1')
  const listed = await api.get<FlowRow>(`/api/automation/flows/${flowId}`)
  expect([listed.status, listed.latestVersion]).toEqual(['active', 1])
})
