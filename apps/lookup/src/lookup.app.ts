import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Logger } from 'nestjs-pino';
import { AllExceptionsFilter, LookupConfig, Metrics, setupOpenApi } from '@app/platform';
import { resolveRequestId } from '@app/platform/http/request-id';
import { applyLookupSecurity, fastifyFrameworkErrors, LOOKUP_BODY_LIMIT } from '@app/platform/http/security';
import { LookupModule } from './lookup.module';
import { LookupHttp } from './lookup/lookup-http';
import { frontLookup, isNativeLookupRoute, serveLookupRoutesNatively } from './lookup/lookup-routes';
import { RequestLogPolicy } from './lookup/request-log';
import { LookupMetrics } from './metrics/lookup-metrics';

type Front = (req: IncomingMessage, res: ServerResponse) => boolean;

/**
 * The carrier-facing app on Fastify. Nest wires the providers and serves docs, health and sync; the two
 * lookup routes are plain handlers (LookupHttp): the common single lookup is answered by the HTTP server before
 * Fastify (frontLookup), every other lookup request by a native Fastify route. Both call the same rules.
 * No global ValidationPipe here (it cost about a third of throughput); the lookup parses its own input.
 */
export async function createLookupApp(): Promise<NestFastifyApplication> {
  let front: Front | undefined; // set once the app is initialised; until then Fastify answers everything
  const adapter = new FastifyAdapter({
    bodyLimit: LOOKUP_BODY_LIMIT,
    frameworkErrors: fastifyFrameworkErrors,
    // Kept on the raw request too, so the request log line carries the same id as the error bodies.
    genReqId: (req: IncomingMessage) => ((req as { id?: unknown }).id = resolveRequestId(req.headers['x-request-id'])),
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
      const server = createServer((req, res) => {
        if (front === undefined || !front(req, res)) handler(req, res);
      });
      server.keepAliveTimeout = 72_000; // Fastify's default for the servers it makes
      return server;
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(LookupModule, adapter, {
    bufferLogs: true,
    // A failed start reaches main.ts, which prints one line and exits with the error's own code (not Nest's 1).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  serveLookupRoutesNatively(fastify, () => app.get(LookupHttp));
  await applyLookupSecurity(app, app.get(LookupConfig).servedOverHttps);
  app.setGlobalPrefix('v1', { exclude: ['health/{*path}', 'docs', 'docs-json', '.well-known/jwks.json', 'kiem-tra'] });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost), app.get(Metrics)));
  app.enableShutdownHooks();
  const config = app.get(LookupConfig);
  if (config.docsEnabled) {
    setupOpenApi(
      app,
      'Voice-brandname lookup API',
      'What carriers call at call set-up: lookups, batch lookups and the sync feed',
      'carrier-api-key',
    );
  }
  const metrics = app.get(Metrics);
  const lookupMetrics = app.get(LookupMetrics);
  const log = new RequestLogPolicy(config.LOOKUP_ACCESS_LOG, config.LOOKUP_SLOW_MS);
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.header('X-Request-Id', req.id);
    done();
  });
  // The lookup routes record their own metrics and lines (LookupHttp); every other route is recorded here.
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions?.url;
    if (isNativeLookupRoute(route, req.method)) return done();
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(route, reply.statusCode, seconds);
    const carrier = (req as FastifyRequest & { carrier?: { code: string } }).carrier?.code;
    if (carrier) lookupMetrics.of(carrier).latency.observe(seconds);
    log.record(req.raw, reply.raw, route, reply.elapsedTime, String(req.id), carrier);
    done();
  });
  await app.init();
  await fastify.ready();
  front = frontLookup(app.get(LookupHttp));
  return app;
}
