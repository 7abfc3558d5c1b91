import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob, RegistryConfig } from '@app/platform';
import { RolloutRepository } from '../rollout/rollout.repository';
import { PublishedNumbersRepository } from './published-numbers.repository';

const EVERY_MS = 60 * 60 * 1000;
/** Hourly branded-answer counts are kept this long (the rollout chart shows 14 days). */
const BRANDED_COUNTS_DAYS = 90;

/**
 * Bounds the change feed: changes older than CHANGE_FEED_RETENTION_HOURS are deleted and
 * `registry_state.retained_from` moves up, so a carrier asking for older history gets 410 SNAPSHOT_REQUIRED
 * instead of a silently incomplete list.
 */
@Injectable()
export class FeedRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedRetention');
  private readonly job = new PeriodicJob('FeedRetention', EVERY_MS, async () => {
    await this.prune(new Date(Date.now() - this.config.CHANGE_FEED_RETENTION_HOURS * 3600_000));
    await this.pruneBrandedCounts(new Date(Date.now() - BRANDED_COUNTS_DAYS * 86_400_000));
  });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: RegistryConfig,
    private readonly published: PublishedNumbersRepository,
    private readonly rollout: RolloutRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Deletes hourly counts before `cutoff`, except each carrier's earliest per organization (its firstBrandedAt). */
  async pruneBrandedCounts(cutoff: Date): Promise<void> {
    await this.rollout.pruneBrandedCounts(this.dataSource.manager, cutoff);
  }

  /** Deletes changes made before `cutoff`; returns the new `retained_from`. */
  async prune(cutoff: Date): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      // The same row lock as publishers take: no version is being written while history moves.
      const state = await this.published.lockState(em);
      const upto = await this.published.lastVersionBefore(em, cutoff);
      if (upto === null) return Number(state.retained_from);
      await this.published.pruneFeed(em, upto);
      this.logger.log(`Change feed history before version ${upto} pruned`);
      return Math.max(Number(state.retained_from), Number(upto));
    });
  }
}
