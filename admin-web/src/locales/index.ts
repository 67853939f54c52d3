import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import type { MessageSchema } from './zh-CN'
import { readString, writeString } from '@/utils/storage'

export const LOCALES = [
  { value: 'zh-CN', label: '简体中文' },
  { value: 'en', label: 'English' },
] as const
export type Locale = (typeof LOCALES)[number]['value']

function initialLocale(): Locale {
  const saved = readString('locale')
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN'
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function currentLocale(): Locale {
  return i18n.global.locale.value
}

export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  writeString('locale', locale)
  document.documentElement.lang = locale
}

/** Translate outside components (router titles, API hooks). */
export function translate(key: string, values?: Record<string, unknown>): string {
  return values ? i18n.global.t(key, values) : i18n.global.t(key)
}
