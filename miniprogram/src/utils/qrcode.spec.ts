import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import { createQrMatrix, drawQrOnCanvas, qrToSvg, svgDataUrl, utf8Bytes, type Canvas2DLike } from './qrcode'

/** A canvas stand-in that paints fillRect into an RGBA buffer, like the weapp 2D context. */
function rasterCanvas(size: number) {
  const data = new Uint8ClampedArray(size * size * 4)
  const ctx: Canvas2DLike = {
    fillStyle: '#000000',
    fillRect(x, y, w, h) {
      const v = String(this.fillStyle).toLowerCase() === '#ffffff' ? 255 : 0
      for (let yy = Math.max(0, y); yy < Math.min(size, y + h); yy++) {
        for (let xx = Math.max(0, x); xx < Math.min(size, x + w); xx++) {
          const i = (yy * size + xx) * 4
          data[i] = data[i + 1] = data[i + 2] = v
          data[i + 3] = 255
        }
      }
    },
  }
  return { ctx, data }
}

/** Paints our SVG's run-length path back into pixels (scale px per module). */
function rasterSvg(svg: string, scale: number) {
  const total = Number(/viewBox="0 0 (\d+) /.exec(svg)?.[1])
  const size = total * scale
  const { ctx, data } = rasterCanvas(size)
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, size, size)
  ctx.fillStyle = '#000000'
  const d = /<path[^>]* d="([^"]*)"/.exec(svg)?.[1] ?? ''
  for (const m of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    ctx.fillRect(Number(m[1]) * scale, Number(m[2]) * scale, Number(m[3]) * scale, scale)
  }
  return { data, size }
}

const SAMPLES = [
  // The server's member code: M1.<memberId>.<expiryEpochSeconds>.<signature> (HMAC-SHA256, base64url)
  'M1.123.1795427384.Xq3vB9kP0aZ_rT7sLm2nYc4dFh8jKw1eGu6oIpQs5Ax',
  'M1.9999999.1795427384.0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
  '会员码-张三-0001',
]

describe('utf8Bytes', () => {
  it('matches the platform encoder', () => {
    for (const s of [...SAMPLES, '😀 emoji']) {
      expect(Array.from(utf8Bytes(s))).toEqual(Array.from(new TextEncoder().encode(s)))
    }
  })
})

describe('member QR code', () => {
  it.each(SAMPLES)('canvas drawing (weapp) scans back to %s', (text) => {
    const m = createQrMatrix(text)
    const size = 300
    const { ctx, data } = rasterCanvas(size)
    drawQrOnCanvas(ctx, m, size)
    const decoded = jsQR(data, size, size)
    expect(decoded?.data).toBe(text)
  })

  it.each(SAMPLES)('SVG (H5) scans back to %s', (text) => {
    const svg = qrToSvg(createQrMatrix(text))
    const { data, size } = rasterSvg(svg, 6)
    expect(jsQR(data, size, size)?.data).toBe(text)
    expect(svgDataUrl(svg)).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/)
  })

  it('refuses empty content', () => {
    expect(() => createQrMatrix('')).toThrow()
  })
})
