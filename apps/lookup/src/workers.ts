import { Logger } from '@nestjs/common';
import cluster, { Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { AggregatorRegistry, Registry } from 'prom-client';

/**
 * LOOKUP_WORKERS: n lookup processes sharing one port through node:cluster. Each worker is a whole lookup (its
 * own index following the feed, its own rate limit); the primary only forks, restarts and stops them, and
 * aggregates /metrics: a worker asked for /metrics asks the primary, which collects every worker's registry
 * (prom-client's AggregatorRegistry) and answers with the sum.
 */
const SCRAPE = 'vbr:metrics:scrape';
const SCRAPED = 'vbr:metrics:scraped';

export function workerCount(setting: string): number {
  return setting === 'auto' ? availableParallelism() : Number(setting);
}

export function runPrimary(count: number): void {
  const logger = new Logger('Workers');
  const aggregator = new AggregatorRegistry();
  let stopping = false;
  const fork = (): Worker => {
    const worker = cluster.fork();
    worker.on('message', (message: { type?: string; id?: number }) => {
      if (message?.type !== SCRAPE) return;
      aggregator.clusterMetrics().then(
        (text) => worker.send({ type: SCRAPED, id: message.id, text }),
        (err: Error) => worker.send({ type: SCRAPED, id: message.id, error: err.message }),
      );
    });
    return worker;
  };
  for (let i = 0; i < count; i++) fork();
  logger.log(`Lookup running as ${count} worker processes on one port`);
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    logger.warn(`Worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    fork();
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
      setTimeout(() => process.exit(1), 15_000).unref();
    });
  }
}

/** In a worker: lets prom-client's cluster protocol read `registry`, and scrapes through the primary. */
export function clusterScrape(registry: Registry): () => Promise<string> {
  new AggregatorRegistry(); // its constructor adds the worker's side of the protocol (answering the primary)
  AggregatorRegistry.setRegistries([registry]);
  let next = 0;
  const waiting = new Map<number, (reply: { text?: string; error?: string }) => void>();
  process.on('message', (message: { type?: string; id: number; text?: string; error?: string }) => {
    if (message?.type === SCRAPED) waiting.get(message.id)?.(message);
  });
  return () =>
    new Promise<string>((resolve, reject) => {
      const id = next++;
      const timer = setTimeout(() => settle({ error: 'the primary did not answer in 5 s' }), 5_000);
      const settle = (reply: { text?: string; error?: string }) => {
        clearTimeout(timer);
        waiting.delete(id);
        if (reply.text !== undefined) resolve(reply.text);
        else reject(new Error(`Cluster metrics unavailable: ${reply.error}`));
      };
      waiting.set(id, settle);
      process.send!({ type: SCRAPE, id });
    });
}
