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
  /** RESERVED_NAME: the protected state name this field claims. */
  details?: ReservedNameClaim;
}

/**
 * RESERVED_NAME: the protected state name a text claims (the error body's `details`, and an application's field
 * problem's), so the console can name it in Vietnamese: the term, the spelling found, the field; the kinds that own
 * the term and the organization's kind when the rule says them.
 */
export interface ReservedNameClaim {
  term: string;
  spelling?: string;
  field?: string;
  kinds?: readonly string[];
  organizationKind?: string;
}

/** The claim a RESERVED_NAME carries, or undefined (another error, or one that does not say which term). */
export function reservedNameClaim(err: DomainError): ReservedNameClaim | undefined {
  const d = err.details;
  if (err.code !== 'RESERVED_NAME' || !d?.term) return undefined;
  const claim: ReservedNameClaim = { term: d.term };
  if (d.spelling) claim.spelling = d.spelling;
  if (d.field) claim.field = d.field;
  if (d.kinds) claim.kinds = [...d.kinds];
  if (d.organizationKind) claim.organizationKind = d.organizationKind;
  return claim;
}

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** RESERVED_NAME adds the claim (ReservedNameClaim) beside the fields. */
    readonly details?: {
      fields?: FieldError[];
      retryAfterSeconds?: number;
      currentVersion?: number;
      rule?: string;
    } & Partial<ReservedNameClaim>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(err: unknown): err is DomainError {
  return err instanceof DomainError;
}
