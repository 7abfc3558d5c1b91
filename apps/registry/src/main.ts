import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { RegistryConfig } from '@app/platform';
import { createRegistryApp } from './registry.app';

async function bootstrap(): Promise<void> {
  const app = await createRegistryApp();
  const config = app.get(RegistryConfig);
  await app.listen(config.REGISTRY_PORT, config.HOST);
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const base = config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${shown}:${config.REGISTRY_PORT}`;
  new Logger('Registry').log(`Registry API listening on ${base}/v1; web console at ${base}/console/`);
}

bootstrap().catch((err: Error) => {
  console.error(`Registry failed to start: ${err.message}`);
  process.exit(1);
});
