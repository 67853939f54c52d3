import type { AttributeDefinitionEntity, MemberAttributeEntity } from './attribute.entity';

export type AttributeValue = string | number | boolean | null;
type Columns = Pick<MemberAttributeEntity, 'valueText' | 'valueNumber' | 'valueDate' | 'valueBool'>;

/**
 * Checks a value against its attribute's type and returns the typed columns to store, or an error
 * message. Strings from CSV are accepted for every type ("12", "true", "2024-05-01").
 */
export function toColumns(def: Pick<AttributeDefinitionEntity, 'type' | 'options'>, value: unknown): Columns | string {
  const empty: Columns = { valueText: null, valueNumber: null, valueDate: null, valueBool: null };
  if (value === null || value === undefined || value === '') return empty;
  switch (def.type) {
    case 'string': {
      if (typeof value !== 'string' && typeof value !== 'number') return 'must be text';
      const s = String(value);
      return s.length > 255 ? 'must be at most 255 characters' : { ...empty, valueText: s };
    }
    case 'enum': {
      const s = String(value);
      return def.options?.includes(s) ? { ...empty, valueText: s } : `must be one of: ${(def.options ?? []).join(', ')}`;
    }
    case 'number': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      return Number.isFinite(n) ? { ...empty, valueNumber: n } : 'must be a number';
    }
    case 'boolean': {
      if (typeof value === 'boolean') return { ...empty, valueBool: value };
      const s = String(value).trim().toLowerCase();
      if (['true', '1', 'yes', 'y', '是'].includes(s)) return { ...empty, valueBool: true };
      if (['false', '0', 'no', 'n', '否'].includes(s)) return { ...empty, valueBool: false };
      return 'must be true or false';
    }
    case 'date': {
      const s = String(value).trim();
      return isCalendarDate(s) ? { ...empty, valueDate: s } : 'must be a date YYYY-MM-DD';
    }
  }
}

export function fromColumns(def: Pick<AttributeDefinitionEntity, 'type'>, row: Columns): AttributeValue {
  switch (def.type) {
    case 'string':
    case 'enum':
      return row.valueText;
    case 'number':
      return row.valueNumber == null ? null : Number(row.valueNumber);
    case 'boolean':
      return row.valueBool == null ? null : Boolean(row.valueBool);
    case 'date':
      return row.valueDate == null ? null : String(row.valueDate).slice(0, 10);
  }
}

export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}
