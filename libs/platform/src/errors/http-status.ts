import { HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@app/domain';

/** Every domain code's HTTP status. A Record, so a new code without a status does not compile. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION_FAILED: HttpStatus.BAD_REQUEST,
  INVALID_NUMBER: HttpStatus.BAD_REQUEST,
  INVALID_LABEL: HttpStatus.BAD_REQUEST,
  INVALID_DISPLAY_NAME: HttpStatus.BAD_REQUEST,
  INVALID_CALL_REASON: HttpStatus.BAD_REQUEST,
  INVALID_ORIGIN: HttpStatus.BAD_REQUEST,
  RESERVED_NAME: HttpStatus.UNPROCESSABLE_ENTITY,
  CONFUSABLE_NAME: HttpStatus.CONFLICT,
  DUPLICATE_LABEL: HttpStatus.CONFLICT,
  DUPLICATE_NUMBER: HttpStatus.CONFLICT,
  DUPLICATE_CODE: HttpStatus.CONFLICT,
  DUPLICATE_USERNAME: HttpStatus.CONFLICT,
  NAME_UNAVAILABLE: HttpStatus.CONFLICT,
  NOT_FOUND: HttpStatus.NOT_FOUND,
  VERSION_CONFLICT: HttpStatus.CONFLICT,
  REVISION_PENDING: HttpStatus.CONFLICT,
  TARGET_NOT_ACTIVE: HttpStatus.CONFLICT,
  TARGET_NOT_ALLOWED: HttpStatus.CONFLICT,
  REORGANIZATION_OVERLAP: HttpStatus.CONFLICT,
  CARRIER_CONFIRMATION_REQUIRED: HttpStatus.CONFLICT,
  INVITATION_INVALID: HttpStatus.FORBIDDEN,
  INVITATION_EXHAUSTED: HttpStatus.FORBIDDEN,
  INVALID_TRANSITION: HttpStatus.CONFLICT,
  FOUR_EYES_REQUIRED: HttpStatus.FORBIDDEN,
  FORBIDDEN: HttpStatus.FORBIDDEN,
  PASSWORD_CHANGE_REQUIRED: HttpStatus.FORBIDDEN,
  UNAUTHENTICATED: HttpStatus.UNAUTHORIZED,
  CARRIER_SUSPENDED: HttpStatus.FORBIDDEN,
  TOO_MANY_KEYS: HttpStatus.CONFLICT,
  RATE_LIMITED: HttpStatus.TOO_MANY_REQUESTS,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  SNAPSHOT_REQUIRED: HttpStatus.GONE,
  CURSOR_AHEAD: HttpStatus.CONFLICT,
  SERVICE_UNAVAILABLE: HttpStatus.SERVICE_UNAVAILABLE,
  INTERNAL_ERROR: HttpStatus.INTERNAL_SERVER_ERROR,
};

/** Codes for errors Nest or the HTTP layer raise before our code runs. */
export function codeForHttpStatus(status: number): ErrorCode {
  switch (status) {
    case HttpStatus.UNAUTHORIZED:
      return 'UNAUTHENTICATED';
    case HttpStatus.FORBIDDEN:
      return 'FORBIDDEN';
    case HttpStatus.NOT_FOUND:
      return 'NOT_FOUND';
    case HttpStatus.PAYLOAD_TOO_LARGE:
      return 'PAYLOAD_TOO_LARGE';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case HttpStatus.TOO_MANY_REQUESTS:
      return 'RATE_LIMITED';
    case HttpStatus.SERVICE_UNAVAILABLE:
      return 'SERVICE_UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED';
  }
}
