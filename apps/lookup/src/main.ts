import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { LookupConfig } from '@app/platform';
import { createLookupApp } from './lookup.app';

async function bootstrap(): Promise<void> {
  const app = await createLookupApp();
  const config = app.get(LookupConfig);
  await app.listen(config.LOOKUP_PORT, config.HOST);
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  new Logger('Lookup').log(`Lookup API listening on http://${shown}:${config.LOOKUP_PORT}/v1`);
}

bootstrap().catch((err: Error) => {
  console.error(`Lookup failed to start: ${err.message}`);
  process.exit(1);
});
