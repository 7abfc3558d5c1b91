import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { Logger, PinoLogger } from 'nestjs-pino';
import { AllExceptionsFilter, LoggedRequest, Metrics, requestLogFields, setupOpenApi } from '@app/platform';
import { resolveRequestId } from '@app/platform/http/request-id';
import { applyLookupSecurity, fastifyFrameworkErrors, LOOKUP_BODY_LIMIT } from '@app/platform/http/security';
import { LookupModule } from './lookup.module';
import { LookupMetrics } from './metrics/lookup-metrics';

/**
 * The carrier-facing app on Fastify: measured at about 4x Express on this hot path.
 * No global ValidationPipe here (it cost about a third of throughput); the lookup parses its own input.
 */
export async function createLookupApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: LOOKUP_BODY_LIMIT,
    frameworkErrors: fastifyFrameworkErrors,
    // Kept on the raw request too, so the request log line carries the same id as the error bodies.
    genReqId: (req: IncomingMessage) => ((req as { id?: unknown }).id = resolveRequestId(req.headers['x-request-id'])),
  });
  const app = await NestFactory.create<NestFastifyApplication>(LookupModule, adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  await applyLookupSecurity(app);
  app.setGlobalPrefix('v1', { exclude: ['health/{*path}', 'metrics', 'docs', 'docs-json'] });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  setupOpenApi(app, 'Voice-brandname lookup API', 'What carriers call at call set-up: lookups, batch lookups and the sync feed', 'carrier-api-key');
  const metrics = app.get(Metrics);
  const { latency } = app.get(LookupMetrics);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    (req.raw as { routeUrl?: string }).routeUrl = req.routeOptions?.url; // for the request log line (raw request)
    reply.header('X-Request-Id', req.id);
    done();
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const seconds = reply.elapsedTime / 1000;
    metrics.observe(req.routeOptions?.url, reply.statusCode, seconds);
    const carrier = (req as FastifyRequest & { carrier?: { code: string } }).carrier?.code;
    if (carrier) latency.observe({ carrier }, seconds);
    if (PinoLogger.root.isLevelEnabled('info')) {
      // The raw request and response: the logger's serializers turn them into the same fields as pino-http's lines.
      const { route, carrier: carrierCode } = requestLogFields(req.raw as LoggedRequest, reply.statusCode);
      const line = { req: req.raw, res: reply.raw, route, carrier: carrierCode, responseTime: Math.round(reply.elapsedTime) };
      PinoLogger.root.info(line, reply.statusCode >= 500 ? 'request failed' : 'request completed');
    }
    done();
  });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
