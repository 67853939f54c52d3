import { expect } from '@playwright/test'
import type { APIRequestContext, Locator, Page } from '@playwright/test'

export const ADMIN = {
  username: process.env.E2E_ADMIN_USERNAME ?? 'admin',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'Admin#12345',
}

/** Unique, lowercase suffix so tests never depend on each other's leftovers. */
export function suffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`
}

/** `n` random lowercase hex characters. */
export function randomHex(n: number): string {
  return Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join('')
}

/** A fresh OA AppID the server accepts: `wx` + 16 hex characters. */
export function randomAppId(): string {
  return `wx${randomHex(16)}`
}

/** A random EncodingAESKey: 43 characters of base64 (letters and digits here). */
export function randomAesKey(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'
  return Array.from({ length: 43 }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('')
}

/** Creates a user of the given role through the API and returns their credentials. */
export async function newUser(owner: Api, role: 'operator' | 'store_manager' | 'store_staff', storeIds: number[] = []) {
  const username = `${role.slice(0, 4)}_${suffix()}`
  const password = 'Userpass#12345'
  await owner.post('/api/users', { username, password, displayName: `E2E ${username}`, role, storeIds })
  return { username, password }
}

/** A mobile number nobody else uses: 1 + 3|5|8 + 9 random digits. */
export function randomPhone(): string {
  const rest = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10)).join('')
  return `1${'358'[Math.floor(Math.random() * 3)]}${rest}`
}

/** Thin typed-enough API helper for arranging and verifying, with a token from POST /api/auth/login. */
export class Api {
  private constructor(
    private readonly request: APIRequestContext,
    private readonly token: string,
  ) {}

  static async login(request: APIRequestContext, username = ADMIN.username, password = ADMIN.password): Promise<Api> {
    const res = await request.post('/api/auth/login', { data: { username, password } })
    expect(res.status(), `login as ${username}: ${await res.text()}`).toBe(200)
    const body = (await res.json()) as { accessToken: string }
    return new Api(request, body.accessToken)
  }

  private headers() {
    return { Authorization: `Bearer ${this.token}` }
  }

  async get<T>(path: string, params?: Record<string, string | number>): Promise<T> {
    const res = await this.request.get(path, { headers: this.headers(), params })
    expect(res.ok(), `GET ${path}: ${res.status()} ${await res.text()}`).toBe(true)
    return (await res.json()) as T
  }

  async post<T>(path: string, data: unknown): Promise<T> {
    const res = await this.request.post(path, { headers: this.headers(), data })
    expect(res.ok(), `POST ${path}: ${res.status()} ${await res.text()}`).toBe(true)
    return (await res.json()) as T
  }

  /** A GET whose failure is part of what the test checks: status and JSON body, never an assertion. */
  async fetch<T = unknown>(path: string): Promise<{ status: number; body: T }> {
    const res = await this.request.get(path, { headers: this.headers() })
    return { status: res.status(), body: (await res.json().catch(() => null)) as T }
  }
}

export interface TagRow {
  id: number
  name: string
  memberCount: number
}
export interface MemberRow {
  id: number
  nickname: string | null
  storeId: number | null
}
export interface MemberPage {
  items: MemberRow[]
  total: number
  nextCursor: string | null
}
export interface MemberDetailRow extends MemberRow {
  tags: { id: number; name: string; addedBy: string | null }[]
  attributes: Record<string, unknown>
}

/** Logs in through the form and waits for the members list. */
export async function loginUi(page: Page, username = ADMIN.username, password = ADMIN.password): Promise<void> {
  await page.goto('/admin/login')
  await page.locator('input[name="username"]').fill(username)
  await page.locator('input[name="password"]').fill(password)
  await page.locator('button[type="submit"]').click()
  await expect(page).toHaveURL(/\/admin\/members/, { timeout: 30_000 })
  await expect(page.getByTestId('side-menu')).toBeVisible()
}

/** The number in "共 N 条" / "N in total" next to the members table. */
export async function shownTotal(page: Page): Promise<number> {
  const total = page.getByTestId('members-total')
  return Number(await total.getAttribute('data-total'))
}

/**
 * Picks an option in an Element Plus select (its dropdown is teleported to <body>).
 * A multiple select keeps its dropdown open over the page: pass `closeBy`, something harmless to
 * click (a dialog title), to close it the way a user would.
 */
export async function pickOption(
  page: Page,
  select: Locator,
  label: string,
  options: { filter?: boolean; closeBy?: Locator } = {},
): Promise<void> {
  await select.click()
  if (options.filter !== false) await select.locator('input').fill(label)
  const dropdown = page.locator('.el-select-dropdown:visible')
  await dropdown.locator('.el-select-dropdown__item', { hasText: label }).first().click()
  if (options.closeBy) {
    await options.closeBy.click()
    await expect(dropdown).toHaveCount(0)
  }
}

/** A random WeCom CorpID the server accepts: `ww` + 16 hex characters. */
export function randomCorpId(): string {
  return `ww${randomHex(16)}`
}

/** Clicks the confirm button of the open Element Plus message box. */
export async function confirmMessageBox(page: Page, expectText?: string | RegExp): Promise<void> {
  const box = page.locator('.el-message-box:visible')
  await expect(box).toBeVisible()
  if (expectText) await expect(box).toContainText(expectText)
  await box.locator('.el-message-box__btns .el-button--primary').click()
  await expect(box).toBeHidden()
}
