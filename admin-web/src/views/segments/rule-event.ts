/**
 * Event conditions (did / did not, window, count, property filters, or when the first / last one
 * happened) to and from the API's `{kind:"event"}` rule. Used by rule.ts, the one translation point.
 */
import { COUNT_OPS, MAX_COUNT, MAX_DAYS, MAX_PROPERTIES, OCCURRENCE_OPS, PROPERTY_OPS, newEvent, uid } from './rule-model'
import type { CountOp, EventNode, OccurrenceOp, PropertyFilter, PropertyOp, PropertyType } from './rule-model'

const DAY = /^\d{4}-\d{2}-\d{2}$/

function isInt(n: unknown, min: number, max: number): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max
}

/** A real calendar day written YYYY-MM-DD. */
export function isDay(v: unknown): v is string {
  return typeof v === 'string' && DAY.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v
}

/** [from, to], both days, from not after to. */
export function isDayRange(v: unknown): v is [string, string] {
  return Array.isArray(v) && v.length === 2 && isDay(v[0]) && isDay(v[1]) && v[0] <= v[1]
}

function propertyScalarReady(type: PropertyType, v: unknown): boolean {
  if (type === 'number') return typeof v === 'number' && Number.isFinite(v)
  if (type === 'boolean') return typeof v === 'boolean'
  return typeof v === 'string' && v !== '' && v.length <= 255
}

export function isPropertyComplete(p: PropertyFilter): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(p.name) || !PROPERTY_OPS[p.type].includes(p.operator)) return false
  if (p.operator === 'in') return Array.isArray(p.value) && p.value.length > 0 && p.value.length <= 100 && p.value.every((x) => propertyScalarReady(p.type, x))
  return propertyScalarReady(p.type, p.value)
}

export function isEventComplete(node: EventNode): boolean {
  if (!node.eventType) return false
  if (node.properties.length > MAX_PROPERTIES || !node.properties.every(isPropertyComplete)) return false
  if (node.occurrence) {
    const v = node.occValue
    switch (node.occOperator) {
      case 'before':
      case 'after':
        return isDay(v)
      case 'between':
        return isDayRange(v)
      default:
        return isInt(v, 1, MAX_DAYS)
    }
  }
  if (node.between) {
    if (!isDayRange(node.between)) return false
  } else if (node.lastDays !== null && !isInt(node.lastDays, 1, MAX_DAYS)) return false
  return !node.did || node.countOp === null || isInt(node.countN, 0, MAX_COUNT)
}

function propertyToApi(p: PropertyFilter): Record<string, unknown> {
  return { name: p.name, operator: p.operator, value: Array.isArray(p.value) ? [...p.value] : p.value }
}

/** The API rule of a complete event node. */
export function eventToApi(node: EventNode): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'event', eventType: node.eventType }
  if (node.occurrence) {
    out.occurrence = node.occurrence
    out.operator = node.occOperator
    out.value = Array.isArray(node.occValue) ? [...node.occValue] : node.occValue
  } else {
    out.did = node.did
    if (node.between) out.between = [...node.between]
    else if (node.lastDays !== null) out.lastDays = node.lastDays
    if (node.did && node.countOp !== null) out.count = { op: node.countOp, n: node.countN }
  }
  if (node.properties.length) out.properties = node.properties.map(propertyToApi)
  if (node.not) out.not = true
  return out
}

/** A stored property filter; its type follows the value the server accepted (numbers stay numbers). */
function propertyFromApi(raw: unknown): PropertyFilter {
  const f = (raw && typeof raw === 'object' ? raw : {}) as { name?: unknown; operator?: unknown; value?: unknown }
  const sample = Array.isArray(f.value) ? f.value[0] : f.value
  const type: PropertyType = typeof sample === 'number' ? 'number' : typeof sample === 'boolean' ? 'boolean' : 'string'
  const operator = PROPERTY_OPS[type].includes(f.operator as PropertyOp) ? (f.operator as PropertyOp) : 'eq'
  return { uid: uid(), name: typeof f.name === 'string' ? f.name : '', type, operator, value: f.value ?? null }
}

export function eventFromApi(r: Record<string, unknown>): EventNode {
  const node = newEvent()
  node.eventType = typeof r.eventType === 'string' ? r.eventType : ''
  node.not = r.not === true
  node.properties = Array.isArray(r.properties) ? r.properties.map(propertyFromApi) : []
  if (r.occurrence === 'first' || r.occurrence === 'last') {
    node.occurrence = r.occurrence
    node.occOperator = OCCURRENCE_OPS.includes(r.operator as OccurrenceOp) ? (r.operator as OccurrenceOp) : 'inLastDays'
    node.occValue = Array.isArray(r.value) ? [...r.value] : (r.value ?? null)
    return node
  }
  const count = (r.count ?? null) as { op?: CountOp; n?: number } | null
  node.did = r.did !== false
  node.lastDays = typeof r.lastDays === 'number' ? r.lastDays : null
  node.between = Array.isArray(r.between) && r.between.length === 2 ? [String(r.between[0]), String(r.between[1])] : null
  node.countOp = count?.op && COUNT_OPS.includes(count.op) ? count.op : null
  node.countN = typeof count?.n === 'number' ? count.n : null
  return node
}
