import type { ErrorCode, FieldError, ReservedNameClaim } from '@app/domain';

/** The one JSON error shape of both services. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  requestId: string;
  fields?: FieldError[];
  /** CURSOR_AHEAD: the registry's current version, to compare with the cursor sent. */
  currentVersion?: number;
  /**
   * FOUR_EYES_REQUIRED: which rule of the four-eyes decision refused it (libs/domain four-eyes.ts);
   * DOCUMENT_QUOTA_EXCEEDED: which limit was reached (libs/domain document-quota.ts).
   */
  rule?: string;
  /** RESERVED_NAME: the protected state name claimed (term, spelling found, field), for the console to name it. */
  details?: ReservedNameClaim;
}
