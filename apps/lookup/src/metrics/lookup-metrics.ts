import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { AnswerKind, LookupIndex, PublishedNames, SCREEN_VERDICTS, ScreenVerdict, VERDICT_OF } from '@app/domain';
import { CellHistogram, HistogramCell, Metrics } from '@app/platform';
import { FeedFollower } from '../feed/feed-follower.service';

const HOUR_MS = 3_600_000;

/** Branded answers for one organization's numbers within one hour, not yet reported (RolloutReporter). */
export interface BrandedTally {
  organizationCode: string;
  hour: number;
  answers: number;
  firstAt: number;
  lastAt: number;
}

/** A carrier's metrics, resolved once: the hot path adds to plain numbers, folded into prom-client at scrape. */
export class CarrierCells {
  /** Answers not yet folded into lookup_answers_total, by answer kind (VERDICT_OF gives each kind's verdict). */
  readonly pending = new Float64Array(VERDICT_OF.length);
  /** Screenings not yet folded into lookup_screen_answers_total, by verdict (SCREEN_VERDICTS' order). */
  readonly screenings = new Float64Array(SCREEN_VERDICTS.length);
  /** The current hour's tally per organization code, and earlier hours' not yet reported. */
  private branded = new Map<string, BrandedTally>();
  private closed: BrandedTally[] = [];

  constructor(
    readonly carrier: string,
    readonly latency: HistogramCell,
  ) {}

  answered(kind: AnswerKind): void {
    this.pending[kind]++;
  }

  screened(verdict: ScreenVerdict): void {
    this.screenings[SCREEN_VERDICTS.indexOf(verdict)]++;
  }

  /** A branded answer for a number of `organizationCode`: one map lookup and three numbers on the hot path. */
  brandedFor(organizationCode: string, now: number): void {
    let tally = this.branded.get(organizationCode);
    if (tally === undefined || now - tally.hour >= HOUR_MS) {
      if (tally !== undefined) this.closed.push(tally);
      tally = { organizationCode, hour: now - (now % HOUR_MS), answers: 0, firstAt: now, lastAt: now };
      this.branded.set(organizationCode, tally);
    }
    tally.answers++;
    tally.lastAt = now;
  }

  /** Hands over every tally since the last call and starts afresh (what is taken is never counted again). */
  takeBranded(): BrandedTally[] {
    const taken = [...this.closed, ...this.branded.values()];
    this.closed = [];
    this.branded = new Map();
    return taken;
  }
}

/** The lookup's own metrics, on the shared registry: per-carrier answers and latency, and the index's state. */
@Injectable()
export class LookupMetrics {
  readonly verdicts: Counter<'carrier' | 'verdict'>;
  readonly latency: CellHistogram;
  private readonly carriers = new Map<string, CarrierCells>();

  constructor(metrics: Metrics, index: LookupIndex, feed: FeedFollower, names: PublishedNames) {
    const registers = [metrics.registry];
    const carriers = this.carriers;
    this.verdicts = new Counter({
      name: 'lookup_answers_total',
      help: 'Numbers answered, by carrier and verdict',
      labelNames: ['carrier', 'verdict'] as const,
      registers,
      collect() {
        for (const cells of carriers.values()) {
          cells.pending.forEach((count, kind) => {
            if (count === 0) return;
            this.inc({ carrier: cells.carrier, verdict: VERDICT_OF[kind] }, count);
            cells.pending[kind] = 0;
          });
        }
      },
    });
    new Counter({
      name: 'lookup_screen_answers_total',
      help: 'Screenings (POST /v1/screen) answered, by carrier and verdict',
      labelNames: ['carrier', 'verdict'] as const,
      registers,
      collect() {
        for (const cells of carriers.values()) {
          cells.screenings.forEach((count, k) => {
            if (count === 0) return;
            this.inc({ carrier: cells.carrier, verdict: SCREEN_VERDICTS[k] }, count);
            cells.screenings[k] = 0;
          });
        }
      },
    });
    this.latency = new CellHistogram(
      'lookup_request_duration_seconds',
      'Lookup API request duration by carrier',
      ['carrier'],
      [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      metrics.registry,
    );
    new Gauge({
      name: 'lookup_index_numbers',
      aggregator: 'max', // with several workers, each holds a whole index: not a sum
      help: 'Numbers held in the in-memory index',
      registers,
      collect() {
        this.set(index.size);
      },
    });
    new Gauge({
      name: 'lookup_protected_names',
      aggregator: 'max',
      help: 'Protected names held for screening',
      registers,
      collect() {
        this.set(names.size);
      },
    });
    new Gauge({
      name: 'lookup_registry_version',
      aggregator: 'max', // with several workers, each holds a whole index: not a sum
      help: 'Registry version the index is at',
      registers,
      collect() {
        this.set(index.version);
      },
    });
    new Gauge({
      name: 'lookup_index_staleness_seconds',
      aggregator: 'max', // with several workers, each holds a whole index: not a sum
      help: 'Seconds since the index last confirmed it was current with the database (registry version lag in time)',
      registers,
      collect() {
        this.set(Number.isFinite(feed.stalenessSeconds) ? feed.stalenessSeconds : -1);
      },
    });
  }

  /** Every carrier's cells seen so far. */
  all(): IterableIterator<CarrierCells> {
    return this.carriers.values();
  }

  /** A carrier's cells (carrier codes are few: one entry each, for the life of the process). */
  of(carrier: string): CarrierCells {
    let cells = this.carriers.get(carrier);
    if (!cells) this.carriers.set(carrier, (cells = new CarrierCells(carrier, this.latency.cell({ carrier }))));
    return cells;
  }
}
