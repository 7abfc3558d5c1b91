import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { CellHistogram, HistogramCell } from './cell-histogram';

interface PgPool {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Prometheus metrics every service has: process, HTTP latency by route and status, database pool use. */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new CellHistogram(
    'http_request_duration_seconds',
    'HTTP request duration by route and status',
    ['route', 'status'],
    [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5],
    this.registry,
  );

  /** Requests answered 503 DATABASE_UNAVAILABLE (AllExceptionsFilter): the database unreachable or too slow to answer. */
  readonly databaseUnavailable = new Counter({
    name: 'database_unavailable_total',
    help: 'Requests answered 503 DATABASE_UNAVAILABLE: the database could not be reached or did not answer in time',
    registers: [this.registry],
  });

  constructor(@InjectDataSource() dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    const pool = () => (dataSource.driver as unknown as { master?: PgPool }).master;
    new Gauge({
      name: 'db_pool_connections',
      help: 'Database pool connections by state',
      labelNames: ['state'] as const,
      registers: [this.registry],
      collect() {
        const p = pool();
        if (!p) return;
        this.set({ state: 'total' }, p.totalCount);
        this.set({ state: 'idle' }, p.idleCount);
        this.set({ state: 'waiting' }, p.waitingCount);
      },
    });
  }

  observe(route: string | undefined, status: number, seconds: number): void {
    this.httpDuration.observe({ route: route ?? 'unmatched', status }, seconds);
  }

  /** The Prometheus text of this process (with LOOKUP_WORKERS > 1 the primary sums the workers' instead). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  /** The pre-resolved cell of a route and status, for a hot path that observes into it directly. */
  httpCell(route: string, status: number): HistogramCell {
    return this.httpDuration.cell({ route, status });
  }
}
