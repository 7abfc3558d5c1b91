import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';
import { LookupIndex } from '@app/domain';
import { Metrics } from '@app/platform';
import { FeedFollower } from '../feed/feed-follower.service';

/** The lookup's own metrics, on the shared registry: per-carrier answers and latency, and the index's state. */
@Injectable()
export class LookupMetrics {
  readonly verdicts: Counter<'carrier' | 'verdict'>;
  readonly latency: Histogram<'carrier'>;

  constructor(metrics: Metrics, index: LookupIndex, feed: FeedFollower) {
    const registers = [metrics.registry];
    this.verdicts = new Counter({
      name: 'lookup_answers_total',
      help: 'Numbers answered, by carrier and verdict',
      labelNames: ['carrier', 'verdict'] as const,
      registers,
    });
    this.latency = new Histogram({
      name: 'lookup_request_duration_seconds',
      help: 'Lookup API request duration by carrier',
      labelNames: ['carrier'] as const,
      buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers,
    });
    new Gauge({
      name: 'lookup_index_numbers',
      help: 'Numbers held in the in-memory index',
      registers,
      collect() {
        this.set(index.size);
      },
    });
    new Gauge({
      name: 'lookup_registry_version',
      help: 'Registry version the index is at',
      registers,
      collect() {
        this.set(index.version);
      },
    });
    new Gauge({
      name: 'lookup_index_staleness_seconds',
      help: 'Seconds since the index last confirmed it was current with the database (registry version lag in time)',
      registers,
      collect() {
        this.set(Number.isFinite(feed.stalenessSeconds) ? feed.stalenessSeconds : -1);
      },
    });
  }
}
