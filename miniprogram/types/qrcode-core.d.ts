// The encoder core of `qrcode` (no renderers, no DOM, no TextEncoder when given bytes).
declare module 'qrcode/lib/core/qrcode' {
  export interface BitMatrix {
    size: number
    data: Uint8Array
    get(row: number, col: number): number | boolean
  }
  export interface QRCodeCore {
    modules: BitMatrix
    version: number
    errorCorrectionLevel: { bit: number }
    maskPattern: number
  }
  export type Segment = { data: string | Uint8Array; mode: 'byte' | 'alphanumeric' | 'numeric' | 'kanji' }
  export function create(
    data: string | Segment[],
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H'; version?: number; maskPattern?: number },
  ): QRCodeCore
}
