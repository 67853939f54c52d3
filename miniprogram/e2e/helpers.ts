import type { APIRequestContext, Page, Response } from '@playwright/test'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

export const HOME = '/h5/'
export const CENTER = '/h5/#/packageMember/pages/center/index'

export interface MpMember {
  id: number
  nickname: string | null
  points: number
  level: number | string | null
  memberCode: string
  phoneMasked: string | null
  avatarUrl: string | null
}

/** Taro's H5 storage keeps values in localStorage as {"data": value}. */
export async function readStored(page: Page, key: string): Promise<string | null> {
  return page.evaluate((k) => {
    const raw = localStorage.getItem(k)
    if (!raw) return null
    try {
      return (JSON.parse(raw) as { data?: string }).data ?? null
    } catch {
      return null
    }
  }, key)
}

export const TOKEN_KEY = 'scrm.mp.token'
export const OPENID_KEY = 'scrm.mp.sandboxOpenid'

export function isMeResponse(r: Response): boolean {
  return new URL(r.url()).pathname === '/api/mp/me' && r.request().method() === 'GET' && r.status() === 200
}

export async function getMe(request: APIRequestContext, token: string): Promise<MpMember> {
  const res = await request.get('/api/mp/me', { headers: { Authorization: `Bearer ${token}` } })
  if (!res.ok()) throw new Error(`GET /api/mp/me -> ${res.status()} ${await res.text()}`)
  return (await res.json()) as MpMember
}

/** Decodes a QR code from a PNG screenshot, as a phone camera would. */
export function decodeQr(png: Buffer): string | null {
  const img = PNG.sync.read(png)
  const result = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)
  return result?.data ?? null
}
