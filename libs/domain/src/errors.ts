/**
 * Domain errors: every rule violation the API can report, with a stable code.
 * Services throw only DomainError; one exception filter maps each code to an HTTP status,
 * and the compiler checks that mapping is exhaustive (see libs/platform http-status map).
 */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_NUMBER',
  'INVALID_LABEL',
  'INVALID_DISPLAY_NAME',
  'INVALID_CALL_REASON',
  'INVALID_ORIGIN',
  'RESERVED_NAME',
  'CONFUSABLE_NAME',
  'DUPLICATE_LABEL',
  'DUPLICATE_NUMBER',
  'DUPLICATE_CODE',
  'DUPLICATE_USERNAME',
  'NAME_UNAVAILABLE',
  'NOT_FOUND',
  'VERSION_CONFLICT',
  'REVISION_PENDING',
  'TARGET_NOT_ACTIVE',
  'TARGET_NOT_ALLOWED',
  'REORGANIZATION_OVERLAP',
  'CARRIER_CONFIRMATION_REQUIRED',
  'INVITATION_INVALID',
  'INVITATION_EXHAUSTED',
  'INVALID_TRANSITION',
  'FOUR_EYES_REQUIRED',
  'FORBIDDEN',
  'PASSWORD_CHANGE_REQUIRED',
  'SECOND_FACTOR_REQUIRED',
  'SECOND_FACTOR_ENROLLMENT_REQUIRED',
  'UNAUTHENTICATED',
  'CARRIER_SUSPENDED',
  'TOO_MANY_KEYS',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'DOCUMENT_QUOTA_EXCEEDED',
  'UNSUPPORTED_MEDIA_TYPE',
  'INSUFFICIENT_STORAGE',
  'SNAPSHOT_REQUIRED',
  'CURSOR_AHEAD',
  'SERVICE_UNAVAILABLE',
  'DATABASE_UNAVAILABLE',
  'INTERNAL_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface FieldError {
  field: string;
  message: string;
  /** The rule's own code, where a request is refused for several reasons at once (an application). */
  code?: ErrorCode;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: {
      fields?: FieldError[];
      retryAfterSeconds?: number;
      currentVersion?: number;
      rule?: string;
      /** RESERVED_NAME: the protected state name claimed, and the spelling found. */
      term?: string;
      spelling?: string;
      field?: string;
    },
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
