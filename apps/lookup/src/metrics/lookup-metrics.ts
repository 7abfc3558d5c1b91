import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { LookupIndex } from '@app/domain';
import { FeedFollower } from '../feed/feed-follower.service';

/** Prometheus metrics of the lookup service: per-carrier lookups, verdicts and latency, and the index's state. */
@Injectable()
export class LookupMetrics {
  readonly registry = new Registry();

  readonly verdicts = new Counter({
    name: 'lookup_answers_total',
    help: 'Numbers answered, by carrier and verdict',
    labelNames: ['carrier', 'verdict'] as const,
    registers: [this.registry],
  });

  readonly latency = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by route, status and carrier',
    labelNames: ['route', 'status', 'carrier'] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [this.registry],
  });

  constructor(index: LookupIndex, feed: FeedFollower) {
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: 'lookup_index_numbers',
      help: 'Numbers held in the in-memory index',
      registers: [this.registry],
      collect() {
        this.set(index.size);
      },
    });
    new Gauge({
      name: 'lookup_registry_version',
      help: 'Registry version the index is at',
      registers: [this.registry],
      collect() {
        this.set(index.version);
      },
    });
    new Gauge({
      name: 'lookup_index_staleness_seconds',
      help: 'Seconds since the index last confirmed it was current with the database',
      registers: [this.registry],
      collect() {
        this.set(Number.isFinite(feed.stalenessSeconds) ? feed.stalenessSeconds : -1);
      },
    });
  }
}
