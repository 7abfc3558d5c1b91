import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PeriodicJob } from '@app/platform';
import { DataSource } from 'typeorm';
import { PublishedNumbersRepository } from './published-numbers.repository';
import { RegistryPublisher } from './registry-publisher.service';

const EVERY_MS = 1_000;
const BATCH = 2_000;

/**
 * Publishes again when time, not a person, changes an answer: when a number's validity starts (a touch, so a
 * carrier copy that does not apply time brands it) and when it ends (validTo, or its label's expiry: a removal).
 * published_numbers keeps both instants (starts_at, ends_at, indexed), so a round is one indexed query; at most
 * about a second late. Several registry instances may run it: publishers serialise on the registry version row.
 */
@Injectable()
export class TimedPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('TimedPublisher', EVERY_MS, () => this.drain());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: RegistryPublisher,
    private readonly published: PublishedNumbersRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async drain(): Promise<void> {
    while ((await this.publishDue(new Date())) === BATCH) {
      // a backlog (after downtime): keep going
    }
  }

  /** Publishes the numbers whose validity started or ended by `now`; returns how many were due. */
  async publishDue(now: Date): Promise<number> {
    return this.dataSource.transaction(async (em) => {
      const due = await this.published.due(em, now, BATCH);
      if (due.length === 0) return 0;
      await this.publisher.publish(em, { e164s: due.map((d) => d.e164) }, { touch: due.filter((d) => d.started).map((d) => d.e164) });
      return due.length;
    });
  }
}
