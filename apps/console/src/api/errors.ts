import { errorText as vietnameseError } from '@app/domain/error-text';
import { DOCUMENT_QUOTA_TEXT } from '@app/domain/document-quota';
import { fourEyesText } from '@app/domain/four-eyes-text';
import { fieldText } from '../field-text';
import type { ErrorBody, FieldProblem } from './types';

/** An error answered by the API: {statusCode, code, message, requestId}. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly requestId?: string,
    /** Each problem of a request refused for several reasons (an application). */
    readonly fields: FieldProblem[] = [],
    /** A four-eyes refusal: which rule refused it (said in Vietnamese by four-eyes-text). */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a refused answer's status and body: the contract's error body, or whatever else came back (a proxy's page). */
  static of(status: number, statusText: string, body: unknown): ApiError {
    const b: Partial<ErrorBody> = body && typeof body === 'object' ? body : {};
    return new ApiError(status, b.code ?? 'HTTP_' + status, b.message ?? statusText, b.requestId, b.fields ?? [], b.rule);
  }
}

/**
 * What went wrong, in Vietnamese, from the one table of error codes (the API's English message stays in the API
 * and in the browser's network log). Each field problem is added in words, with the field it names.
 */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 0) return err.message; // no answer at all (already Vietnamese)
    // A four-eyes refusal says which rule refused it: the same words as beside a disabled button.
    if (err.code === 'FOUR_EYES_REQUIRED' && err.rule) return fourEyesText({ allowed: false, code: err.code, rule: err.rule })!;
    // A quota refusal says which limit was reached.
    const quota = err.code === 'DOCUMENT_QUOTA_EXCEEDED' && (DOCUMENT_QUOTA_TEXT as Record<string, string>)[err.rule ?? ''];
    if (quota) return quota;
    const each = err.fields.map((f) => `${fieldText(f.field)}: ${f.code ? vietnameseError(f.code) : 'chưa đúng yêu cầu'}`);
    return [vietnameseError(err.code), ...each].join(' ');
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
