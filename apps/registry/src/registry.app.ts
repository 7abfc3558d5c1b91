import { INestApplication } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { AllExceptionsFilter, createValidationPipe } from '@app/platform';
import { RegistryModule } from './registry.module';

/** Builds the registry app exactly as production runs it; tests call this too. */
export async function createRegistryApp(): Promise<INestApplication> {
  const app = await NestFactory.create(RegistryModule, { bufferLogs: false });
  configureRegistryApp(app);
  await app.init();
  return app;
}

export function configureRegistryApp(app: INestApplication): void {
  app.setGlobalPrefix('v1', { exclude: ['health/(.*)', 'metrics', 'docs', 'docs-json'] });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(app.get(HttpAdapterHost)));
  app.enableShutdownHooks();
}
