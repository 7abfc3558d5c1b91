import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BATCH_ROUTE, LOOKUP_ROUTE, LookupHttp, SCREEN_ROUTE } from './lookup-http';

/**
 * Nest declares and documents the two lookup routes (LookupController) and screening (ScreeningController); when Fastify registers them, their
 * handler becomes a plain one calling LookupHttp, so Fastify still routes, parses and bounds the body (the same
 * error bodies as every route) while the request skips Nest's pipeline.
 */
export function serveLookupRoutesNatively(fastify: FastifyInstance, http: () => LookupHttp): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    if ((route.method === 'GET' || route.method === 'HEAD') && route.url === LOOKUP_ROUTE) {
      route.handler = (request: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        const { number } = request.params as { number: string };
        if (number === '') return reply.callNotFound(); // "/v1/lookup/" is no lookup (Nest answered 404 too)
        reply.hijack(); // LookupHttp writes the raw response
        const { origin, signed } = request.query as { origin?: unknown; signed?: unknown };
        http().single(request.raw, reply.raw, number, origin, started, signed);
      };
    } else if (route.method === 'POST' && route.url === BATCH_ROUTE) {
      route.handler = (request: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        reply.hijack();
        http().batch(request.raw, reply.raw, request.body, started);
      };
    } else if (route.method === 'POST' && route.url === SCREEN_ROUTE) {
      route.handler = (request: FastifyRequest, reply: FastifyReply) => {
        const started = performance.now();
        reply.hijack();
        http().screen(request.raw, reply.raw, request.body, started);
      };
    }
  });
}

/** True for a request the LookupHttp handlers answer themselves (the app's own hooks leave it alone). */
export function isNativeLookupRoute(url: string | undefined, method: string): boolean {
  return (
    (url === LOOKUP_ROUTE && (method === 'GET' || method === 'HEAD')) ||
    ((url === BATCH_ROUTE || url === SCREEN_ROUTE) && method === 'POST')
  );
}

/**
 * The common single lookup, before Fastify: a path of digits and `+ . -` (or their percent-escapes), with at
 * most `?origin=CODE`. For these the decoding is unambiguous, so the answer is exactly what the Fastify route
 * gives; any other request (other encodings, query parameters, methods) goes on to Fastify.
 */
const PLAIN_LOOKUP = /^\/v1\/lookup\/((?:[0-9+.-]|%2[0BbDdEe]){1,64})(?:\?origin=([A-Za-z0-9_]{0,32}))?$/;

export function frontLookup(http: LookupHttp): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method === 'POST') return frontScreen(http, req, res);
    if (req.method !== 'GET') return false;
    const url = req.url!;
    if (url.charCodeAt(1) !== 118 /* v */ || !url.startsWith('/v1/lookup/')) return false;
    const m = PLAIN_LOOKUP.exec(url);
    if (m === null || m[1].length > 64) return false; // raw length too: Fastify bounds it (maxParamLength)
    const started = performance.now();
    http.single(req, res, m[1].includes('%') ? decodeURIComponent(m[1]) : m[1], m[2], started);
    return true;
  };
}

/** A screening body is three short strings: anything longer goes on to Fastify (which bounds and refuses it). */
export const FRONT_SCREEN_BODY_MAX = 4096;

/**
 * POST /v1/screen before Fastify, as the common lookup is: a JSON body with its Content-Length (at most
 * FRONT_SCREEN_BODY_MAX bytes) is read and parsed here, then answered by the same LookupHttp.screen as the Fastify
 * route; anything else (another content type, a chunked or larger body) goes on to Fastify. Measured: through
 * Fastify's routing, hooks and parser a screening ran at a fifth of the front lookup's rate.
 */
function frontScreen(http: LookupHttp, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.url !== SCREEN_ROUTE) return false;
  const type = req.headers['content-type'];
  const length = Number(req.headers['content-length']);
  if (
    typeof type !== 'string' ||
    !/^application\/json\s*(?:;|$)/i.test(type) ||
    req.headers['transfer-encoding'] !== undefined ||
    !Number.isInteger(length) ||
    length < 0 ||
    length > FRONT_SCREEN_BODY_MAX
  ) {
    return false;
  }
  const started = performance.now();
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= length) chunks.push(chunk);
  });
  req.on('error', () => res.destroy());
  req.on('end', () => {
    http.screenText(req, res, size === length ? (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)) : null, started);
  });
  return true;
}
