import type { AttributeDefinition, AttributeType, CreateAttributeBody, UpdateAttributeBody } from '@/api/types'

export const ATTRIBUTE_TYPES: AttributeType[] = ['string', 'number', 'boolean', 'date', 'enum']
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,63}$/

export const attributeColumns = [
  { prop: 'key', label: 'attributes.key', width: 180 },
  { prop: 'label', label: 'attributes.label', width: 180 },
  { prop: 'type', label: 'attributes.type', width: 110 },
  { prop: 'options', label: 'attributes.options', minWidth: 200 },
  { prop: 'description', label: 'common.labels.description', minWidth: 200 },
]

export interface AttributeForm {
  key: string
  label: string
  type: AttributeType
  options: string[]
  description: string
}

export function definitionToForm(def: AttributeDefinition | null): AttributeForm {
  return def
    ? { key: def.key, label: def.label, type: def.type, options: [...(def.options ?? [])], description: def.description ?? '' }
    : { key: '', label: '', type: 'string', options: [], description: '' }
}

export function formToCreateBody(form: AttributeForm): CreateAttributeBody {
  const body: CreateAttributeBody = { key: form.key.trim(), label: form.label.trim(), type: form.type }
  if (form.type === 'enum') body.options = form.options
  if (form.description.trim()) body.description = form.description.trim()
  return body
}

export function formToUpdateBody(form: AttributeForm): UpdateAttributeBody {
  const body: UpdateAttributeBody = { label: form.label.trim(), description: form.description.trim() }
  if (form.type === 'enum') body.options = form.options
  return body
}
