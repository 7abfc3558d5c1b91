import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { RegistryConfig } from '@app/platform';
import { createRegistryApp } from './registry.app';

async function bootstrap(): Promise<void> {
  const app = await createRegistryApp();
  const config = app.get(RegistryConfig);
  await app.listen(config.REGISTRY_PORT, config.HOST);
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  new Logger('Registry').log(`Registry API listening on http://${shown}:${config.REGISTRY_PORT}/v1`);
}

bootstrap().catch((err: Error) => {
  console.error(`Registry failed to start: ${err.message}`);
  process.exit(1);
});
