import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { DomainError, FieldError, isDomainError, reservedNameClaim } from '@app/domain';
import { diskFullError } from './disk-full';
import { ErrorBody } from './error-body';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { codeForHttpStatus, HTTP_STATUS_BY_CODE } from './http-status';
import { requestIdOf } from '../http/request-id';
import type { Metrics } from '../metrics/metrics.service';

/**
 * Maps every error to the JSON error shape. Domain errors keep their code; Nest's HTTP exceptions get a
 * code from their status; a database that cannot be reached or did not answer in time is a 503
 * DATABASE_UNAVAILABLE (isDatabaseUnavailable, counted in database_unavailable_total); anything else is a 500
 * whose message never leaves the service (logged once).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly metrics?: Metrics,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const request = ctx.getRequest();
    const response = ctx.getResponse();
    const requestId = requestIdOf(request);
    const error = this.answerFor(exception, requestId) ?? exception;
    const body = this.toBody(error, requestId);
    const { httpAdapter } = this.adapterHost;
    const retryAfter = isDomainError(error) ? error.details?.retryAfterSeconds : undefined;
    if (retryAfter !== undefined) httpAdapter.setHeader(response, 'Retry-After', String(retryAfter));
    if (body.code === 'DATABASE_UNAVAILABLE') this.metrics?.databaseUnavailable.inc();
    httpAdapter.reply(response, body, body.statusCode);
  }

  /**
   * Failures of what the service stands on that are answers, not bugs: a database that cannot be reached or did not
   * answer in time (503 DATABASE_UNAVAILABLE) and a full disk (507 INSUFFICIENT_STORAGE). The driver's words stay in
   * the log, without the query's parameters.
   */
  private answerFor(exception: unknown, requestId: string): DomainError | null {
    if (isDomainError(exception)) return null;
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({ err: withoutParameters(exception), requestId }, 'Database unavailable');
      return new DomainError('DATABASE_UNAVAILABLE', 'The database is unavailable right now; retry shortly', {
        retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS,
      });
    }
    const full = diskFullError(exception);
    if (full) this.logger.error({ err: withoutParameters(exception), requestId }, 'Disk full');
    return full;
  }

  private toBody(exception: unknown, requestId: string): ErrorBody {
    if (isDomainError(exception)) return fromDomainError(exception, requestId);
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const fields = validationFields(response);
      const code = codeForHttpStatus(statusCode);
      const message = fields
        ? `Invalid request: ${fields.map((f) => `${f.field}: ${f.message}`).join('; ')}`
        : statusCode >= 500
          ? 'Internal error'
          : exception.message;
      return { statusCode, code, message, requestId, ...(fields ? { fields } : {}) };
    }
    // Body-parser and similar errors carry an HTTP status but are not HttpExceptions.
    const status = (exception as { status?: unknown; statusCode?: unknown })?.status ?? (exception as { statusCode?: unknown })?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const code = codeForHttpStatus(status);
      const message = code === 'PAYLOAD_TOO_LARGE' ? 'Request body too large' : 'Malformed request';
      return { statusCode: status, code, message, requestId };
    }
    this.logger.error({ err: withoutParameters(exception), requestId }, 'Unhandled error');
    return { statusCode: 500, code: 'INTERNAL_ERROR', message: 'Internal error', requestId };
  }
}

/**
 * A failed query carries its bound parameters (TypeORM's QueryFailedError, and the driver error inside it):
 * a password hash, an API key's hash, a private number. The log keeps the error and the SQL, not the values.
 */
function withoutParameters(exception: unknown): unknown {
  if (typeof exception !== 'object' || exception === null || !('parameters' in exception)) return exception;
  const { parameters: _dropped, driverError, ...rest } = exception as Record<string, unknown>;
  const driver = driverError && typeof driverError === 'object' ? { ...(driverError as object), parameters: undefined } : driverError;
  return Object.assign(Object.create(Object.getPrototypeOf(exception)), rest, {
    message: (exception as unknown as Error).message,
    stack: (exception as unknown as Error).stack,
    driverError: driver,
  });
}

function fromDomainError(err: DomainError, requestId: string): ErrorBody {
  const body: ErrorBody = { statusCode: HTTP_STATUS_BY_CODE[err.code], code: err.code, message: err.message, requestId };
  if (err.details?.fields) body.fields = err.details.fields;
  if (err.details?.currentVersion !== undefined) body.currentVersion = err.details.currentVersion;
  if (err.details?.rule) body.rule = err.details.rule;
  const claim = reservedNameClaim(err);
  if (claim) body.details = claim;
  return body;
}

/** ValidationPipe's messages, turned into {field, message} pairs (see the pipe's exceptionFactory). */
function validationFields(response: unknown): FieldError[] | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const fields = (response as { fields?: unknown }).fields;
  return Array.isArray(fields) ? (fields as FieldError[]) : undefined;
}
