// Member QR code: the matrix comes from the `qrcode` encoder core (pure JS, no DOM), then it is
// drawn as SVG (H5) or on a canvas 2D context (weapp). Bytes are passed in ourselves so the
// encoder never needs TextEncoder, which mini-program engines lack.
import { create } from 'qrcode/lib/core/qrcode'

export type EcLevel = 'L' | 'M' | 'Q' | 'H'

export interface QrMatrix {
  size: number
  isDark(row: number, col: number): boolean
}

/** UTF-8 bytes of a string (surrogate pairs joined). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = []
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number
    if (cp < 0x80) out.push(cp)
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63))
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63))
  }
  return Uint8Array.from(out)
}

export function createQrMatrix(text: string, errorCorrectionLevel: EcLevel = 'M'): QrMatrix {
  if (!text) throw new Error('QR content is empty')
  const qr = create([{ data: utf8Bytes(text), mode: 'byte' }], { errorCorrectionLevel })
  const m = qr.modules
  return {
    size: m.size,
    isDark: (r, c) => !!m.get(r, c),
  }
}

export interface QrDrawOptions {
  /** Quiet zone in modules; scanners want 4. */
  margin?: number
  dark?: string
  light?: string
}

/**
 * SVG with one path of horizontal runs; viewBox in modules, so it scales crisply. The
 * width/height give it a natural size (8 px a module) for image components that need one.
 */
export function qrToSvg(m: QrMatrix, opts: QrDrawOptions = {}): string {
  const margin = opts.margin ?? 4
  const dark = opts.dark ?? '#000000'
  const light = opts.light ?? '#ffffff'
  const total = m.size + margin * 2
  let d = ''
  for (let r = 0; r < m.size; r++) {
    let c = 0
    while (c < m.size) {
      if (!m.isDark(r, c)) {
        c++
        continue
      }
      const start = c
      while (c < m.size && m.isDark(r, c)) c++
      d += `M${start + margin} ${r + margin}h${c - start}v1h-${c - start}z`
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${total * 8}" height="${total * 8}" viewBox="0 0 ${total} ${total}" shape-rendering="crispEdges">` +
    `<rect width="${total}" height="${total}" fill="${light}"/>` +
    `<path fill="${dark}" d="${d}"/></svg>`
  )
}

export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
}

/** The subset of CanvasRenderingContext2D that drawing needs (weapp canvas type="2d" has it). */
export interface Canvas2DLike {
  fillStyle: unknown
  fillRect(x: number, y: number, w: number, h: number): void
}

/**
 * Draws the code filling a `sizePx` square. Module edges are rounded to whole pixels so
 * neighbouring modules leave no anti-aliased seams.
 */
export function drawQrOnCanvas(ctx: Canvas2DLike, m: QrMatrix, sizePx: number, opts: QrDrawOptions = {}): void {
  const margin = opts.margin ?? 4
  const total = m.size + margin * 2
  const scale = sizePx / total
  ctx.fillStyle = opts.light ?? '#ffffff'
  ctx.fillRect(0, 0, sizePx, sizePx)
  ctx.fillStyle = opts.dark ?? '#000000'
  const edge = (i: number) => Math.round((i + margin) * scale)
  for (let r = 0; r < m.size; r++) {
    for (let c = 0; c < m.size; c++) {
      if (!m.isDark(r, c)) continue
      const x = edge(c)
      const y = edge(r)
      ctx.fillRect(x, y, edge(c + 1) - x, edge(r + 1) - y)
    }
  }
}
