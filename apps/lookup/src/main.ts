import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { LookupConfig, Metrics, validateConfig } from '@app/platform';
import { createLookupApp } from './lookup.app';
import { clusterScrape, runPrimary, workerCount } from './workers';

async function bootstrap(): Promise<void> {
  const app = await createLookupApp();
  const config = app.get(LookupConfig);
  if (cluster.isWorker) app.get(Metrics).useScrape(clusterScrape(app.get(Metrics).registry));
  await app.listen(config.LOOKUP_PORT, config.HOST);
  const shown = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  new Logger('Lookup').log(
    `Lookup API listening on http://${shown}:${config.LOOKUP_PORT}/v1${cluster.isWorker ? ` (worker ${process.pid})` : ''}`,
  );
}

function start(): void {
  // Only this setting here (the app validates the rest, .env included, when it starts).
  const workers = cluster.isPrimary
    ? workerCount(validateConfig({ LOOKUP_WORKERS: process.env.LOOKUP_WORKERS }, LookupConfig).LOOKUP_WORKERS)
    : 1;
  if (workers > 1) return runPrimary(workers);
  bootstrap().catch((err: Error) => {
    console.error(`Lookup failed to start: ${err.message}`);
    process.exit(1);
  });
}

try {
  start();
} catch (err) {
  console.error(`Lookup failed to start: ${(err as Error).message}`);
  process.exit(1);
}
