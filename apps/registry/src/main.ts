import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { MetricsEndpoint, readEnvironment, RegistryConfig, validateConfig } from '@app/platform';
import { jwtSecret } from './auth/jwt-secret';
import { createRegistryApp } from './registry.app';

async function bootstrap(): Promise<void> {
  // Checked before Nest starts: a wrong setting (or secret file) then stops the service with one line, not Nest's
  // stack trace. The JWT secret file, when there is no JWT_SECRET, is made here on a first start.
  await jwtSecret(validateConfig(readEnvironment(), RegistryConfig));
  const app = await createRegistryApp();
  const config = app.get(RegistryConfig);
  await app.listen(config.REGISTRY_PORT, config.HOST);
  const metrics = await app.get(MetricsEndpoint).listen();
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const base = config.PUBLIC_URL?.replace(/\/$/, '') ?? `http://${shown}:${config.REGISTRY_PORT}`;
  const logger = new Logger('Registry');
  logger.log(`Registry API listening on ${base}/v1; web console at ${base}/console/`);
  logger.log(`Prometheus metrics on ${metrics.url} (not on the public port)`);
}

bootstrap().catch((err: Error) => {
  console.error(`Registry failed to start: ${err.message}`);
  // An error may name its own exit code (75: the embedded database's directory is held by a process that does not serve it).
  process.exit((err as { exitCode?: number }).exitCode ?? 1);
});
