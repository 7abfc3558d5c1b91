import { refusalText, reservedNameText } from '@app/domain/reserved-name-text';
import type { ReservedNameDetails } from '@app/domain/reserved-name-text';
import { DOCUMENT_QUOTA_TEXT } from '@app/domain/document-quota';
import { fourEyesText } from '@app/domain/four-eyes-text';
import { fieldText } from '../field-text';
import type { ErrorBody, FieldProblem } from './types';

/**
 * One field problem in words, said after the field's name ("Tên hiển thị: …"): a protected state name is named with
 * the text that claims it when the form knows it («Tên “Cảnh sát hình sự” có cụm từ “Cảnh sát” …»).
 */
export function problemText(f: FieldProblem, value?: string): string {
  if (f.code === 'RESERVED_NAME') return reservedNameText({ ...f.details, field: null, value });
  return f.code ? refusalText(f.code) : 'chưa đúng yêu cầu';
}

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
    /** A RESERVED_NAME refusal: the protected term claimed, the spelling found, the field. */
    readonly details?: ReservedNameDetails,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** From a refused answer's status and body: the contract's error body, or whatever else came back (a proxy's page). */
  static of(status: number, statusText: string, body: unknown): ApiError {
    const b: Partial<ErrorBody> = body && typeof body === 'object' ? body : {};
    return new ApiError(
      status,
      b.code ?? 'HTTP_' + status,
      b.message ?? statusText,
      b.requestId,
      b.fields ?? [],
      b.rule,
      b.details ?? undefined,
    );
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
    // A protected state name: the one sentence names the field and the term (the field problem says no more).
    if (err.code === 'RESERVED_NAME') return refusalText(err.code, { field: err.fields[0]?.field, ...err.details });
    const each = err.fields.map((f) => `${fieldText(f.field)}: ${problemText(f)}`);
    return [refusalText(err.code), ...each].join(' ');
  }
  if (err instanceof Error) return err.message;
  return String(err);
}
