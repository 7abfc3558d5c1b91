import { DomainError, ErrorCode } from '@app/domain';
import { HTTP_STATUS_BY_CODE } from '@app/platform/errors/http-status';

/**
 * Awaits a call that must be refused by a rule: a DomainError with this code, which the API answers with this
 * status (the one map libs/platform's exception filter uses; the e2e suites check the filter and the body's shape).
 * Returns the error, for its message and details (details.rule: which four-eyes rule refused).
 */
export async function refused(call: Promise<unknown>, status: number, code: ErrorCode): Promise<DomainError> {
  const outcome = await call.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected ${status} ${code}, but the call succeeded with ${JSON.stringify(outcome.value)}`);
  const err = outcome.error;
  if (!(err instanceof DomainError)) throw err;
  expect({ status: HTTP_STATUS_BY_CODE[err.code], code: err.code }).toEqual({ status, code });
  expect(err.message).toEqual(expect.any(String));
  return err;
}

/** What an error body carries besides its code (the filter copies details.rule and details.fields to the body). */
export function bodyOf(err: DomainError): { message: string; rule?: string; fields?: unknown } {
  return { message: err.message, ...err.details };
}
