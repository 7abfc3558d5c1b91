import type { ErrorCode, FieldError } from '@app/domain';

/** The one JSON error shape of both services. */
export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  requestId: string;
  fields?: FieldError[];
}
