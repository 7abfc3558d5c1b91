import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { LookupConfig, Metrics, MetricsEndpoint, readEnvironment, validateConfig } from '@app/platform';
import { createLookupApp } from './lookup.app';
import { runPrimary, shareMetricsWithPrimary, workerCount } from './workers';

async function bootstrap(): Promise<void> {
  const app = await createLookupApp();
  const config = app.get(LookupConfig);
  // With several workers the primary serves /metrics, summed over them; a worker only answers the primary.
  if (cluster.isWorker) shareMetricsWithPrimary(app.get(Metrics).registry);
  await app.listen(config.LOOKUP_PORT, config.HOST);
  const metrics = cluster.isWorker ? undefined : await app.get(MetricsEndpoint).listen();
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  const logger = new Logger('Lookup');
  logger.log(`Lookup API listening on http://${shown}:${config.LOOKUP_PORT}/v1${cluster.isWorker ? ` (worker ${process.pid})` : ''}`);
  if (metrics) logger.log(`Prometheus metrics on ${metrics.url} (not on the public port)`);
}

function fail(err: Error): never {
  console.error(`Lookup failed to start: ${err.message}`);
  // An error may name its own exit code (75: the embedded database's directory is held by a process that does not serve it).
  process.exit((err as { exitCode?: number }).exitCode ?? 1);
}

function start(): void {
  // Checked before Nest starts (and before forking): a wrong setting stops the service with one line.
  const config = validateConfig(readEnvironment(), LookupConfig);
  const workers = cluster.isPrimary ? workerCount(config.LOOKUP_WORKERS) : 1;
  if (workers > 1) {
    runPrimary(workers, { host: config.METRICS_HOST, port: config.METRICS_PORT, token: config.METRICS_TOKEN }).catch(fail);
    return;
  }
  bootstrap().catch(fail);
}

try {
  start();
} catch (err) {
  fail(err as Error);
}
