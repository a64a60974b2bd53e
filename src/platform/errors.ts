// The one catalogue of errors the platform raises on purpose. Anything else is an unknown error:
// logged in full, shown as a plain 500 page.

export const ERROR_CATALOGUE = {
  VALIDATION_FAILED: { status: 400, messageKey: 'errors.validationFailed' },
  BAD_REQUEST: { status: 400, messageKey: 'errors.badRequest' },
  UNAUTHENTICATED: { status: 401, messageKey: 'errors.unauthenticated' },
  FORBIDDEN: { status: 403, messageKey: 'errors.forbidden' },
  CSRF_INVALID: { status: 403, messageKey: 'errors.csrfInvalid' },
  NOT_FOUND: { status: 404, messageKey: 'errors.notFound' },
  CONFLICT: { status: 409, messageKey: 'errors.conflict' },
  RATE_LIMITED: { status: 429, messageKey: 'errors.rateLimited' },
  INTERNAL: { status: 500, messageKey: 'errors.internal' },
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

/** A message key plus the values it interpolates, translated when the error is shown. */
export interface FieldMessage {
  key: string;
  params?: Record<string, string | number>;
}

export type FieldErrors = Record<string, FieldMessage>;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly fields: FieldErrors = {},
    readonly messageKey: string = ERROR_CATALOGUE[code].messageKey,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export const validationError = (fields: FieldErrors): AppError => new AppError('VALIDATION_FAILED', fields);
export const notFound = (): AppError => new AppError('NOT_FOUND');
export const forbidden = (): AppError => new AppError('FORBIDDEN');
export const unauthenticated = (): AppError => new AppError('UNAUTHENTICATED');
export const conflict = (fields: FieldErrors = {}): AppError => new AppError('CONFLICT', fields);

/** Collects field problems, then throws them together so a form shows every error at once. */
export class FieldErrorCollector {
  private readonly fields: FieldErrors = {};
  add(field: string, key: string, params?: Record<string, string | number>): void {
    if (!this.fields[field]) this.fields[field] = params ? { key, params } : { key };
  }
  has(field: string): boolean {
    return field in this.fields;
  }
  throwIfAny(): void {
    if (Object.keys(this.fields).length > 0) throw validationError(this.fields);
  }
}
