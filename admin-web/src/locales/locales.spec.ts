import { describe, expect, it } from 'vitest'
import zh from './zh-CN'
import en from './en'

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
  )
}

function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
}

describe('message files', () => {
  it('zh-CN and en have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zh).sort())
  })

  it('translations use the same placeholders', () => {
    const get = (obj: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj)
    for (const key of keys(zh)) {
      expect(placeholders(String(get(en, key))), key).toEqual(placeholders(String(get(zh, key))))
    }
  })

  it('no message uses a bare "|" or "@" (vue-i18n plural / linked syntax)', () => {
    const get = (obj: object, path: string) => path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj)
    for (const messages of [zh, en]) {
      for (const key of keys(messages)) {
        const text = String(get(messages, key)).replace(/\{'[^']*'\}/g, '')
        expect(text, key).not.toMatch(/[|@]/)
      }
    }
  })
})
