import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { AllExceptionsFilter, createValidationPipe, nestLogLevels, setupOpenApi } from '@app/platform';
import { RegistryModule } from './registry.module';

/** Builds the registry app exactly as production runs it; tests call this too. */
export async function createRegistryApp(): Promise<INestApplication> {
  const app = await NestFactory.create(RegistryModule, { logger: nestLogLevels(process.env.LOG_LEVEL) });
  configureRegistryApp(app);
  await app.init();
  return app;
}

export function configureRegistryApp(app: INestApplication): void {
  app.setGlobalPrefix('v1', { exclude: ['health/{*path}', 'metrics', 'docs', 'docs-json'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
  setupOpenApi(app, 'Voice-brandname registry API', 'Organizations, brandnames, caller numbers, review, carriers and audit', 'bearer');
}
