import { Logger } from '@nestjs/common';
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, Registry } from 'prom-client';
import { listenMetrics, MetricsListenOptions } from '@app/platform';

/**
 * LOOKUP_WORKERS: n lookup processes sharing one port through node:cluster. Each worker is a whole lookup (its
 * own index following the feed, its own rate limit); the primary only forks, restarts and stops them, and serves
 * the metrics listener: each scrape collects every worker's registry (prom-client's AggregatorRegistry) and answers
 * with the sum.
 */
export function workerCount(setting: string): number {
  return setting === 'auto' ? availableParallelism() : Number(setting);
}

export async function runPrimary(count: number, metrics: MetricsListenOptions): Promise<void> {
  const logger = new Logger('Workers');
  const aggregator = new AggregatorRegistry();
  // Before forking: a taken metrics port stops the service before any worker starts.
  const listener = await listenMetrics(
    metrics,
    () => aggregator.clusterMetrics(),
    (err) => logger.error(`Cluster metrics unavailable: ${err.message}`),
  );
  let stopping = false;
  for (let i = 0; i < count; i++) cluster.fork();
  logger.log(`Lookup running as ${count} worker processes on one port`);
  logger.log(`Prometheus metrics on ${listener.url}, summed over the workers (not on the public port)`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      void listener.close();
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(1), 15_000).unref();
    });
  }
}

/** In a worker: lets prom-client's cluster protocol read `registry` when the primary collects. */
export function shareMetricsWithPrimary(registry: Registry): void {
  new AggregatorRegistry(); // its constructor adds the worker's side of the protocol (answering the primary)
  AggregatorRegistry.setRegistries([registry]);
}
