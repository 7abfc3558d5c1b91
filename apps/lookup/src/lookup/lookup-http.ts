import { Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError, isDomainError } from '@app/domain';
import { HistogramCell, HTTP_STATUS_BY_CODE, LookupConfig, Metrics, resolveRequestId } from '@app/platform';
import { staticSecurityHeaders } from '@app/platform/http/security';
import { CarrierCells, LookupMetrics } from '../metrics/lookup-metrics';
import { CarrierGate } from './carrier-gate';
import { BATCH_MAX, LookupService, TTL_SECONDS } from './lookup.service';
import { ScreeningService } from '../screening/screening.service';
import { RequestLogPolicy } from './request-log';

export const LOOKUP_ROUTE = '/v1/lookup/:number';
export const BATCH_ROUTE = '/v1/lookup/batch';
export const SCREEN_ROUTE = '/v1/screen';
type Route = typeof LOOKUP_ROUTE | typeof BATCH_ROUTE | typeof SCREEN_ROUTE;
const JSON_TYPE = 'application/json; charset=utf-8';
/** JSON is UTF-8: invalid bytes are refused (400) rather than read as U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const CACHE_CONTROL = `private, max-age=${TTL_SECONDS}`;

/**
 * The two lookup routes on the raw request and response, outside Nest's guard/pipe/filter pipeline: the same
 * rules (CarrierGate, LookupService) and the same error bodies, with headers for an API rather than a browser on
 * answers, metrics into pre-resolved cells and the lookup's logging policy. Errors keep the browser security
 * headers every other response of the service has (they are rare, and then nothing differs).
 */
@Injectable()
export class LookupHttp {
  private readonly logger = new Logger('Lookup');
  private readonly errorHeaders: Record<string, string>;
  private readonly log: RequestLogPolicy;
  /** http_request_duration_seconds cells by status, one map per route. */
  private readonly routeCells = {
    [LOOKUP_ROUTE]: new Map<number, HistogramCell>(),
    [BATCH_ROUTE]: new Map<number, HistogramCell>(),
    [SCREEN_ROUTE]: new Map<number, HistogramCell>(),
  };

  constructor(
    private readonly gate: CarrierGate,
    private readonly lookups: LookupService,
    private readonly screening: ScreeningService,
    private readonly lookupMetrics: LookupMetrics,
    private readonly metrics: Metrics,
    config: LookupConfig,
  ) {
    this.log = new RequestLogPolicy(config.LOOKUP_ACCESS_LOG, config.LOOKUP_SLOW_MS);
    this.errorHeaders = staticSecurityHeaders(config.servedOverHttps);
  }

  /** GET /v1/lookup/:number, with the path parameter decoded; `signed`: the `signed` query parameter, if any. */
  single(req: IncomingMessage, res: ServerResponse, input: string, origin: unknown, started: number, signed?: unknown): void {
    const id = resolveRequestId(req.headers['x-request-id']);
    let cells: CarrierCells | undefined;
    try {
      cells = this.lookupMetrics.of(this.gate.admit(req.headers['x-api-key'], Date.now()).code);
      const wantsJws = signed === undefined ? false : signedFlag(signed);
      this.answer(res, id, this.lookups.lookup(cells, input, typeof origin === 'string' ? origin : undefined, wantsJws));
    } catch (err) {
      this.refuse(res, id, err);
    }
    this.finish(req, res, LOOKUP_ROUTE, id, cells, started);
  }

  /** POST /v1/lookup/batch, with the body Fastify parsed (content type, size and depth checked there). */
  batch(req: IncomingMessage, res: ServerResponse, body: unknown, started: number): void {
    const id = resolveRequestId(req.headers['x-request-id']);
    let cells: CarrierCells | undefined;
    try {
      const { numbers, origin, signed } = (body ?? {}) as { numbers?: unknown; origin?: unknown; signed?: unknown };
      // The rate limit counts numbers looked up, not requests.
      const cost = Array.isArray(numbers) ? Math.min(Math.max(1, numbers.length), BATCH_MAX) : 1;
      cells = this.lookupMetrics.of(this.gate.admit(req.headers['x-api-key'], Date.now(), cost).code);
      this.answer(res, id, this.lookups.batch(cells, numbers, origin, signed));
    } catch (err) {
      this.refuse(res, id, err);
    }
    this.finish(req, res, BATCH_ROUTE, id, cells, started);
  }

  /** POST /v1/screen, with the body Fastify parsed: one screening costs one lookup of the carrier's rate. */
  screen(req: IncomingMessage, res: ServerResponse, body: unknown, started: number): void {
    const id = resolveRequestId(req.headers['x-request-id']);
    let cells: CarrierCells | undefined;
    try {
      cells = this.lookupMetrics.of(this.gate.admit(req.headers['x-api-key'], Date.now()).code);
      this.answer(res, id, this.screening.screen(cells, body), false);
    } catch (err) {
      this.refuse(res, id, err);
    }
    this.finish(req, res, SCREEN_ROUTE, id, cells, started);
  }

  /** POST /v1/screen answered before Fastify (frontScreen): the body's bytes, or null when it was not the length announced. */
  screenText(req: IncomingMessage, res: ServerResponse, bytes: Buffer | null, started: number): void {
    let body: unknown;
    try {
      if (bytes === null) throw new DomainError('VALIDATION_FAILED', 'The body is not the length its Content-Length announced');
      let text: string;
      try {
        text = STRICT_UTF8.decode(bytes);
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'The body is not valid UTF-8');
      }
      try {
        body = JSON.parse(text);
      } catch {
        throw new DomainError('VALIDATION_FAILED', 'Body is not valid JSON');
      }
    } catch (err) {
      const id = resolveRequestId(req.headers['x-request-id']);
      this.refuse(res, id, err);
      this.finish(req, res, SCREEN_ROUTE, id, undefined, started);
      return;
    }
    this.screen(req, res, body, started);
  }

  /** `cacheable`: a lookup answer may be cached for TTL_SECONDS; a screening is about one call and is not. */
  private answer(res: ServerResponse, id: string, json: string | Buffer, cacheable = true): void {
    res.writeHead(200, [
      'content-type',
      JSON_TYPE,
      'content-length',
      String(typeof json === 'string' ? Buffer.byteLength(json) : json.length),
      'x-request-id',
      id,
      'cache-control',
      cacheable ? CACHE_CONTROL : 'no-store',
      'x-content-type-options',
      'nosniff',
    ]);
    res.end(json);
  }

  /** The one error shape, as the exception filter writes it; anything unexpected is a 500 logged once. */
  private refuse(res: ServerResponse, id: string, err: unknown): void {
    let error: DomainError;
    if (isDomainError(err)) error = err;
    else {
      this.logger.error({ err, requestId: id }, 'Unhandled error');
      error = new DomainError('INTERNAL_ERROR', 'Internal error');
    }
    const statusCode = HTTP_STATUS_BY_CODE[error.code];
    const fields = error.details?.fields;
    const json = JSON.stringify({ statusCode, code: error.code, message: error.message, requestId: id, ...(fields ? { fields } : {}) });
    const headers: Record<string, string> = {
      ...this.errorHeaders,
      'x-request-id': id,
      'content-type': JSON_TYPE,
      'content-length': String(Buffer.byteLength(json)),
    };
    const retryAfter = error.details?.retryAfterSeconds;
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    res.writeHead(statusCode, headers);
    res.end(json);
  }

  private finish(
    req: IncomingMessage,
    res: ServerResponse,
    route: Route,
    id: string,
    cells: CarrierCells | undefined,
    started: number,
  ): void {
    const ms = performance.now() - started;
    const seconds = ms / 1000;
    const status = res.statusCode;
    const byStatus = this.routeCells[route];
    let cell = byStatus.get(status);
    if (!cell) byStatus.set(status, (cell = this.metrics.httpCell(route, status)));
    cell.observe(seconds);
    cells?.latency.observe(seconds);
    this.log.record(req, res, route, ms, id, cells?.carrier);
  }
}

/** `?signed=true|false`; anything else is refused rather than read as false. */
function signedFlag(value: unknown): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new DomainError('VALIDATION_FAILED', 'signed must be true or false');
}
