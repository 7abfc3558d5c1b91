import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { AllExceptionsFilter, nestLogLevels, setupOpenApi } from '@app/platform';
import { resolveRequestId } from '@app/platform/http/request-id';
import { LookupModule } from './lookup.module';
import { LookupMetrics } from './metrics/lookup-metrics';

/**
 * The carrier-facing app on Fastify: measured at about 4x Express on this hot path.
 * No global ValidationPipe here (it cost about a third of throughput); the lookup parses its own input.
 */
export async function createLookupApp(): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 256 * 1024,
    genReqId: (req: { headers: Record<string, unknown> }) => resolveRequestId(req.headers['x-request-id']),
  });
  const app = await NestFactory.create<NestFastifyApplication>(LookupModule, adapter, { logger: nestLogLevels(process.env.LOG_LEVEL) });
  app.setGlobalPrefix('v1', { exclude: ['health/{*path}', 'metrics', 'docs', 'docs-json'] });
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  // JSON only: Swagger UI on Fastify needs @fastify/static, which fails to load under jest here (to do).
  setupOpenApi(app, 'Voice-brandname lookup API', 'What carriers call at call set-up: lookups, batch lookups and the sync feed', 'carrier-api-key', false);
  const { latency } = app.get(LookupMetrics);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (req: { routeOptions?: { url?: string }; carrier?: { code: string } }, reply: { statusCode: number; elapsedTime: number }, done: () => void) => {
      const route = req.routeOptions?.url ?? 'unmatched';
      latency.observe({ route, status: reply.statusCode, carrier: req.carrier?.code ?? 'none' }, reply.elapsedTime / 1000);
      done();
    });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
