import type { Component } from 'vue'
import { ChatDotRound, Iphone, Money, Setting, Star, UserFilled } from '@element-plus/icons-vue'
import type { EventChannel, EventPropertyDefinition, EventTypeDefinition, MemberEvent } from '@/api/types'
import { formatDateTime } from '@/utils/format'

export type CatalogLocale = keyof EventTypeDefinition['label']

/** Colour and icon per channel in the member timeline. */
export const CHANNEL_STYLE: Record<EventChannel, { color: string; icon: Component }> = {
  oa: { color: '#07c160', icon: ChatDotRound },
  wecom: { color: '#2b7de9', icon: UserFilled },
  miniapp: { color: '#6467f0', icon: Iphone },
  pay: { color: '#fa9d3b', icon: Money },
  custom: { color: '#8c8c8c', icon: Star },
  system: { color: '#b1b3b8', icon: Setting },
}

const PREFIX_CHANNEL: Record<string, EventChannel> = { oa: 'oa', wecom: 'wecom', mp: 'miniapp', pay: 'pay', custom: 'custom' }

export type Catalog = Map<string, EventTypeDefinition>

export function catalogOf(types: EventTypeDefinition[]): Catalog {
  return new Map(types.map((d) => [d.type, d]))
}

/** The catalog's channel; for types it does not know, guessed from the prefix ("mp.x" → miniapp). */
export function channelOf(type: string, catalog: Catalog): EventChannel {
  return catalog.get(type)?.channel ?? PREFIX_CHANNEL[type.split('.')[0]] ?? 'system'
}

export function localeOf(locale: string): CatalogLocale {
  return locale === 'en' ? 'en' : 'zh-CN'
}

/** The type's label in the UI language, else the raw type ("custom.store_visit"). */
export function eventLabel(type: string, catalog: Catalog, locale: string): string {
  const def = catalog.get(type)
  return def?.label[localeOf(locale)] || def?.label['zh-CN'] || type
}

export interface ValueWords {
  yes: string
  no: string
}

/** A property value as text; null when there is nothing to show. */
export function formatPropertyValue(
  value: unknown,
  type: EventPropertyDefinition['type'] | undefined,
  words: ValueWords,
): string | null {
  if (value === null || value === undefined || value === '') return null
  if (typeof value === 'boolean' || type === 'boolean') {
    return value === true || value === 'true' ? words.yes : words.no
  }
  if (type === 'datetime') {
    const text = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value).toISOString() : String(value)
    return formatDateTime(text)
  }
  if (typeof value === 'object') return JSON.stringify(value)
  return String(value)
}

export interface ShownProperty {
  name: string
  label: string
  value: string
}

/**
 * The event's properties with their localized labels: the catalog's properties first, in its
 * order, then any others the event carries under their raw names. Empty values are left out.
 */
export function eventProperties(event: Pick<MemberEvent, 'type' | 'properties'>, catalog: Catalog, locale: string, words: ValueWords): ShownProperty[] {
  const props = event.properties ?? {}
  const defs = catalog.get(event.type)?.properties ?? []
  const lang = localeOf(locale)
  const shown: ShownProperty[] = []
  const known = new Set<string>()
  for (const def of defs) {
    known.add(def.name)
    const value = formatPropertyValue(props[def.name], def.type, words)
    if (value !== null) shown.push({ name: def.name, label: def.label[lang] || def.name, value })
  }
  for (const [name, raw] of Object.entries(props)) {
    if (known.has(name)) continue
    const value = formatPropertyValue(raw, undefined, words)
    if (value !== null) shown.push({ name, label: name, value })
  }
  return shown
}

export interface TypeOptionGroup {
  channel: EventChannel
  options: { value: string; label: string }[]
}

const CHANNEL_ORDER: EventChannel[] = ['oa', 'wecom', 'miniapp', 'pay', 'custom', 'system']

/** Options of the event-type filter, grouped by channel in a fixed order. */
export function typeOptionGroups(types: EventTypeDefinition[], locale: string): TypeOptionGroup[] {
  const lang = localeOf(locale)
  return CHANNEL_ORDER.map((channel) => ({
    channel,
    options: types.filter((d) => d.channel === channel).map((d) => ({ value: d.type, label: d.label[lang] || d.type })),
  })).filter((g) => g.options.length > 0)
}

/** Appends a page, skipping events already on screen (a cursor page may overlap after new events). */
export function appendEvents(current: MemberEvent[], page: MemberEvent[]): MemberEvent[] {
  const seen = new Set(current.map((e) => e.id))
  return [...current, ...page.filter((e) => !seen.has(e.id))]
}

export const TIMELINE_PAGE_SIZE = 20
