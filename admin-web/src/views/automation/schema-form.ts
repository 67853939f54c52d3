/**
 * Turns a node type's JSON Schema into a list of form fields. Only shapes a form can edit well are
 * mapped (text, numbers, switches, selects, lists of simple values, one level of nested object);
 * anything else becomes a JSON text field.
 */
export type JsonSchema = { [keyword: string]: unknown }

export type SimpleKind = 'string' | 'number' | 'integer' | 'boolean' | 'enum'

interface FieldBase {
  key: string
  label: string
  description?: string
  required: boolean
}

export type FormField =
  | (FieldBase & { kind: 'string'; maxLength?: number })
  | (FieldBase & { kind: 'number' | 'integer'; min?: number; max?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: (string | number)[] })
  | (FieldBase & { kind: 'array'; item: SimpleKind; options?: (string | number)[] })
  | (FieldBase & { kind: 'object'; fields: FormField[] })
  | (FieldBase & { kind: 'json' })

function simpleKind(schema: JsonSchema): SimpleKind | null {
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string' || typeof v === 'number')) return 'enum'
  const t = schema.type
  if (t === 'string' || t === 'number' || t === 'integer' || t === 'boolean') {
    // composite keywords a plain input cannot express
    if (schema.oneOf || schema.anyOf || schema.allOf) return null
    return t
  }
  return null
}

function fieldOf(key: string, schema: JsonSchema, required: boolean, depth: number): FormField {
  const base = {
    key,
    label: typeof schema.title === 'string' ? schema.title : key,
    description: typeof schema.description === 'string' ? schema.description : undefined,
    required,
  }
  const kind = simpleKind(schema)
  if (kind === 'enum') return { ...base, kind, options: schema.enum as (string | number)[] }
  if (kind === 'string') return { ...base, kind, maxLength: typeof schema.maxLength === 'number' ? schema.maxLength : undefined }
  if (kind === 'number' || kind === 'integer') {
    return { ...base, kind, min: typeof schema.minimum === 'number' ? schema.minimum : undefined, max: typeof schema.maximum === 'number' ? schema.maximum : undefined }
  }
  if (kind === 'boolean') return { ...base, kind }
  if (schema.type === 'array' && schema.items && typeof schema.items === 'object' && !Array.isArray(schema.items)) {
    const items = schema.items as JsonSchema
    const item = simpleKind(items)
    if (item) return { ...base, kind: 'array', item, options: item === 'enum' ? (items.enum as (string | number)[]) : undefined }
  }
  if (depth === 0 && schema.type === 'object' && schema.properties && typeof schema.additionalProperties !== 'object') {
    const fields = fieldsOf(schema, depth + 1)
    if (fields.every((f) => f.kind !== 'json' && f.kind !== 'object')) return { ...base, kind: 'object', fields }
  }
  return { ...base, kind: 'json' }
}

/** The fields of an object schema, in the schema's property order. */
export function fieldsOf(schema: JsonSchema, depth = 0): FormField[] {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
  return Object.entries(props).map(([key, s]) => fieldOf(key, s, required.has(key), depth))
}

/** A starting config for a new node: the schema's defaults, nothing else (required fields are for the user to fill). */
export function defaultConfig(schema: JsonSchema): Record<string, unknown> {
  const props = (schema.properties ?? {}) as Record<string, JsonSchema>
  const config: Record<string, unknown> = {}
  for (const [key, s] of Object.entries(props)) if (s.default !== undefined) config[key] = structuredClone(s.default)
  return config
}

/** Parses a list typed as comma-separated text into the item kind; null when an entry does not fit. */
export function parseList(text: string, item: SimpleKind): (string | number | boolean)[] | null {
  const parts = text.split(/[,，\n]/).map((s) => s.trim()).filter(Boolean)
  const out: (string | number | boolean)[] = []
  for (const p of parts) {
    if (item === 'number' || item === 'integer') {
      const n = Number(p)
      if (!Number.isFinite(n) || (item === 'integer' && !Number.isInteger(n))) return null
      out.push(n)
    } else if (item === 'boolean') {
      if (p !== 'true' && p !== 'false') return null
      out.push(p === 'true')
    } else out.push(p)
  }
  return out
}

/** Sets or (for empty values) removes a key, so a cleared field is left out rather than sent as "". */
export function withValue(config: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...config }
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) delete next[key]
  else next[key] = value
  return next
}
