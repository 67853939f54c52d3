import { ValidationError, ValidationPipe } from '@nestjs/common';
import { BadInputError, FieldProblem } from '../errors/app-error';

/** DTO validation: unknown fields refused, types converted, every failing field named in `details`. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const summary = details.map((d) => `${d.field}: ${d.message}`).join('; ');
      return new BadInputError(summary || 'invalid input', details);
    },
  });
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) {
      for (const message of Object.values(e.constraints)) out.push({ field, message });
    }
    if (e.children?.length) out.push(...flatten(e.children, field));
  }
  return out;
}
