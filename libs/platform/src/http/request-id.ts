import { randomUUID } from 'node:crypto';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Honours a sane incoming X-Request-Id, otherwise makes one. */
export function resolveRequestId(header: unknown): string {
  return typeof header === 'string' && SAFE_ID.test(header) ? header : randomUUID();
}

/** The request id assigned by the logger middleware (Express `req.id`, Fastify `request.id`). */
export function requestIdOf(request: { id?: unknown; headers?: Record<string, unknown> }): string {
  if (typeof request?.id === 'string' && request.id) return request.id;
  return resolveRequestId(request?.headers?.['x-request-id']);
}
