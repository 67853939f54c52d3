import Ajv, { ValidateFunction } from 'ajv';

/** One problem found by a JSON Schema, its path written the way the admin shows it (`config.wait.amount`). */
export interface SchemaProblem {
  path: string;
  message: string;
}

// one instance for every schema: ajv caches compiled validators by schema
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
const compiled = new WeakMap<object, ValidateFunction>();

/** Compiles a schema once (throws when the schema itself is not valid draft-07). */
export function compileSchema(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** Validates `value` against `schema`; problems' paths start with `root`. */
export function schemaProblems(schema: object, value: unknown, root: string): SchemaProblem[] {
  const validate = compileSchema(schema);
  if (validate(value)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if') // the failing `then` says what is missing
    .map((e) => {
      // ajv reports a JSON pointer (/wait/amount); the admin names places as wait.amount / items[2]
      const at = root + e.instancePath.split('/').slice(1).map((k) => (/^\d+$/.test(k) ? `[${k}]` : `.${k.replace(/~1/g, '/').replace(/~0/g, '~')}`)).join('');
      const p = e.params as Record<string, unknown>;
      switch (e.keyword) {
        case 'required':
          return { path: `${at}.${String(p.missingProperty)}`, message: 'is required' };
        case 'additionalProperties':
          return { path: `${at}.${String(p.additionalProperty)}`, message: 'is not a known setting' };
        case 'enum':
          return { path: at, message: `must be one of ${(p.allowedValues as unknown[]).join(', ')}` };
        case 'not':
          return { path: at, message: 'is not allowed here' };
        default:
          return { path: at, message: e.message ?? 'is not valid' };
      }
    });
}
