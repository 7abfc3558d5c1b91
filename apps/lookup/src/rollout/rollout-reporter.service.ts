import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import { LookupConfig, PeriodicJob } from '@app/platform';
import { LookupMetrics } from '../metrics/lookup-metrics';
import { RolloutRepository } from './rollout.repository';

/**
 * Reports what this instance saw to the registry's database, on a timer and never on a request: branded answers
 * per carrier, organization and hour (each lookup instance adds its own), and where each carrier following the
 * feed is. It writes to the primary (DATABASE_URL): the lookup may read a standby, which refuses writes. One statement per report. Counts are handed over before the write and never written twice: a failed
 * or uncertain write loses them (tolerable) rather than risking a double count on retry.
 */
@Injectable()
export class RolloutReporter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RolloutReporter');
  private readonly job: PeriodicJob<void>;
  private positions = new Map<string, { version: number; at: number }>();

  constructor(
    private readonly primary: PrimaryDatabase,
    private readonly metrics: LookupMetrics,
    private readonly rollout: RolloutRepository,
    config: LookupConfig,
  ) {
    this.job = new PeriodicJob('RolloutReporter', config.LOOKUP_ROLLOUT_REPORT_SECONDS * 1000, () => this.report());
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  /** The last counts go out with the instance; the primary's pool closes after this last write. */
  async onApplicationShutdown(): Promise<void> {
    await this.job.stop();
    await this.report();
    await this.primary.end().catch(() => undefined);
  }

  /** A carrier asked the feed from `version` (or loaded a snapshot at it): it holds everything up to there. */
  synced(carrierCode: string, version: number): void {
    this.positions.set(carrierCode, { version, at: Date.now() });
  }

  async report(): Promise<void> {
    const tallies = [...this.metrics.all()].flatMap((cells) => cells.takeBranded().map((t) => ({ carrier: cells.carrier, ...t })));
    const positions = [...this.positions];
    this.positions = new Map();
    if (tallies.length === 0 && positions.length === 0) return;
    try {
      await this.rollout.addReport(
        this.primary,
        tallies,
        positions.map(([carrier, p]) => ({ carrier, version: p.version, at: p.at })),
      );
    } catch (err) {
      this.logger.warn(`Rollout report lost (${tallies.length} tallies, ${positions.length} positions): ${(err as Error).message}`);
    }
  }
}
