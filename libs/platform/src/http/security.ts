import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { json } from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';
import { DomainError } from '@app/domain';
import type { ErrorBody } from '../errors/error-body';

/** The registry's JSON (and form) body limit; the CSV import has its own, larger, multipart limit. */
export const REGISTRY_JSON_LIMIT = '100kb';
/** An application of 1,000 numbers (with their terms) needs more; only its routes take it. */
export const APPLICATION_JSON_LIMIT = '512kb';
/** The lookup's body limit (a batch of 1000 numbers fits with room to spare). */
export const LOOKUP_BODY_LIMIT = 256 * 1024;

/**
 * How deep a JSON body may nest. Every body of both APIs is at most two levels deep; class-transformer and
 * class-validator recurse into whatever they are given, and a few thousand nested arrays (a 20 kB body)
 * overflowed the stack into a 500.
 */
export const MAX_JSON_DEPTH = 32;

/** True when `value` nests deeper than `limit` (walked without recursion, so any depth is safe to check). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= limit) return true;
    for (const child of Object.values(v as object)) stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Security headers for both services. helmet's default Content-Security-Policy allows same-origin scripts and
 * styles (plus inline styles), which is what Swagger UI at /docs (its init script is a file) and the registry's
 * console at /console need; nothing may frame the pages (frame-ancestors 'none', X-Frame-Options DENY).
 * `upgrade-insecure-requests` and HSTS only where the service is served over https (PUBLIC_URL): over plain HTTP
 * on any host but localhost, the browser would fetch the console's scripts over https and show a blank page.
 */
export function helmetOptions(servedOverHttps: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: { 'frame-ancestors': ["'none'"], 'upgrade-insecure-requests': servedOverHttps ? [] : null },
    },
    frameguard: { action: 'deny' },
    strictTransportSecurity: servedOverHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'no-referrer' },
  };
}

/** `CORS_ORIGINS` ("https://a.example, https://b.example") as a list; empty: CORS closed. */
export function parseCorsOrigins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);
}

/**
 * The registry (Express): helmet, no X-Powered-By, the JSON body limit, and CORS only for the origins listed in
 * CORS_ORIGINS (none by default: browsers then refuse every cross-origin call and preflight). Call before init.
 */
export function applyRegistrySecurity(app: INestApplication, corsOrigins: string[], servedOverHttps = false): void {
  const express = app as NestExpressApplication;
  express.disable('x-powered-by');
  express.use(helmet(helmetOptions(servedOverHttps)));
  express.use(refuseOtherBodies);
  // express.json itself: Nest's useBodyParser keeps `verify` for its raw-body option. The applications' parser runs
  // first; the general one then sees a parsed body and leaves it.
  express.use('/v1/applications', json({ limit: APPLICATION_JSON_LIMIT, verify: refuseInvalidUtf8 }));
  express.use(json({ limit: REGISTRY_JSON_LIMIT, verify: refuseInvalidUtf8 }));
  express.use((req: Request, _res: Response, next: NextFunction) => {
    if (nestsDeeperThan(req.body, MAX_JSON_DEPTH)) {
      return next(new DomainError('VALIDATION_FAILED', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`));
    }
    if (containsNul(req.body) || containsNul(req.query)) {
      return next(new DomainError('VALIDATION_FAILED', 'Text may not contain the character U+0000'));
    }
    next();
  });
  if (corsOrigins.length > 0) {
    express.enableCors({
      origin: corsOrigins,
      credentials: false,
      methods: ['GET', 'POST', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'X-Request-Id'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    });
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** JSON is UTF-8: invalid bytes are refused (400) rather than read as U+FFFD and stored. */
function refuseInvalidUtf8(_req: unknown, _res: unknown, buf: Buffer): void {
  try {
    STRICT_UTF8.decode(buf);
  } catch {
    throw Object.assign(new DomainError('VALIDATION_FAILED', 'The body is not valid UTF-8'), { status: 400, expose: true });
  }
}

/** The registry's multipart routes (the CSV import, documents, a carrier letter); every other body is JSON. */
const MULTIPART_PATH = /\/numbers\/import$|^\/v1\/applications\/[^/]+\/documents$|^\/v1\/numbers\/[^/]+\/holding-confirmation$/;

/**
 * A body the registry does not read is refused (415), never ignored: a form or text body would otherwise reach a
 * handler as an empty object, and an approval "with no body" would go through.
 */
function refuseOtherBodies(req: Request, _res: Response, next: NextFunction): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return next();
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  const multipart = MULTIPART_PATH.test(req.path);
  if (type === (multipart ? 'multipart/form-data' : 'application/json')) return next();
  next(
    new DomainError('UNSUPPORTED_MEDIA_TYPE', `Send the body as ${multipart ? 'multipart/form-data (field "file")' : 'application/json'}`),
  );
}

/**
 * True when a string anywhere in `value` (keys included) holds U+0000. PostgreSQL cannot store it in text or
 * jsonb and fails the query: a NUL in a login name or a free-text field was a 500. Call after the depth check.
 */
export function containsNul(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes('\u0000')) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Fastify answers a malformed URL (bad percent-encoding, invalid UTF-8) or an over-long path parameter from its
 * router, before any hook or Nest filter, in its own shape and echoing the path. This keeps the one error shape.
 */
export function fastifyFrameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  const body: ErrorBody = {
    statusCode: 400,
    code: 'VALIDATION_FAILED',
    message: tooLong ? 'A path parameter is too long' : 'Malformed URL',
    requestId: String(request.id),
  };
  reply
    .code(400)
    .header('X-Request-Id', String(request.id))
    .header('X-Content-Type-Options', 'nosniff')
    .header('Content-Type', 'application/json; charset=utf-8')
    .send(body);
}

/**
 * helmet's headers, computed once. The configuration is fixed, so every response gets the same headers; running
 * helmet (or @fastify/helmet, which rebuilds its middleware per request) on the lookup's hot path cost more than
 * the lookup itself.
 */
export function staticSecurityHeaders(servedOverHttps = false): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(helmetOptions(servedOverHttps))({} as never, res as never, () => undefined);
  return headers;
}

/** The lookup (Fastify): the same headers. Carriers call it server to server: it never answers CORS. */
export async function applyLookupSecurity(app: NestFastifyApplication, servedOverHttps = false): Promise<void> {
  const securityHeaders = staticSecurityHeaders(servedOverHttps);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      reply.headers(securityHeaders);
      done();
    });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('preValidation', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!nestsDeeperThan(request.body, MAX_JSON_DEPTH)) return done();
    const body: ErrorBody = {
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`,
      requestId: String(request.id),
    };
    reply.code(400).header('X-Request-Id', String(request.id)).send(body);
  });
}
