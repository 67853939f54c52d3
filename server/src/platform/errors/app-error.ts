export interface FieldProblem {
  field: string;
  message: string;
}

/** Domain errors carry an HTTP status, a stable code and, where it helps, the fields that failed. */
export class AppError extends Error {
  constructor(
    public readonly status: number,
    public readonly code: string,
    message: string,
    public readonly details?: FieldProblem[],
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string | number) {
    super(404, 'not_found', `${entity} ${id} not found`);
  }
}

export class ConflictError extends AppError {
  constructor(field: string, message: string) {
    super(409, 'conflict', message, [{ field, message }]);
  }
}

export class BadInputError extends AppError {
  constructor(message: string, details?: FieldProblem[]) {
    super(400, 'bad_request', message, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this') {
    super(403, 'forbidden', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Not logged in') {
    super(401, 'unauthorized', message);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string, public readonly retryAfterSeconds: number) {
    super(429, 'too_many_requests', message);
  }
}
