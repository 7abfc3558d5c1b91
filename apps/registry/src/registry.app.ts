import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import type { NextFunction, Request, Response } from 'express';
import { AllExceptionsFilter, createValidationPipe, Metrics, RegistryConfig, setupOpenApi } from '@app/platform';
import { applyRegistrySecurity, parseCorsOrigins } from '@app/platform/http/security';
import { expressTrustProxy } from '@app/platform/http/express-trust-proxy';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { serveConsole } from './console/serve-console';
import { RegistryModule } from './registry.module';

/** Builds the registry app exactly as production runs it; tests call this too. */
export async function createRegistryApp(): Promise<INestApplication> {
  // bodyParser off here: applyRegistrySecurity registers the parsers with explicit limits.
  const app = await NestFactory.create(RegistryModule, {
    bufferLogs: true,
    bodyParser: false,
    // A failed start reaches main.ts, which prints one line and exits with the error's own code (not Nest's 1).
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  configureRegistryApp(app);
  await app.init();
  return app;
}

export function configureRegistryApp(app: INestApplication): void {
  const config = app.get(RegistryConfig);
  applyRegistrySecurity(app, parseCorsOrigins(config.CORS_ORIGINS), config.servedOverHttps);
  (app as NestExpressApplication).set('trust proxy', expressTrustProxy(config.TRUST_PROXY));
  app.setGlobalPrefix('v1', { exclude: ['health/{*path}', 'docs', 'docs-json', '.well-known/jwks.json'] });
  const metrics = app.get(Metrics);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const start = process.hrtime.bigint();
    res.on('finish', () => metrics.observe(req.route?.path, res.statusCode, Number(process.hrtime.bigint() - start) / 1e9));
    next();
  });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost), app.get(Metrics)));
  app.enableShutdownHooks();
  // Off (404) unless DOCS_ENABLED, in production; the console's contract test reads it from an app built in-process.
  if (config.docsEnabled) {
    setupOpenApi(app, 'Voice-brandname registry API', 'Organizations, brandnames, caller numbers, review, carriers and audit', 'bearer');
  }
  // Before init: Nest's JSON 404 handler, added at init, would otherwise answer /console first.
  serveConsole(app);
}
