import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SCHEDULED_REORGANIZATION_STATUS } from '@app/domain';
import { PeriodicJob } from '@app/platform';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ReorganizationRunner } from './reorganization-runner';
import { ReorganizationsRepository } from './reorganizations.repository';

/** Often enough that a switch shows well within a second of its effective time (plus the lookups' own delay). */
const EVERY_MS = 200;

/**
 * Runs scheduled reorganizations when they fall due. The schedule is the database (status `scheduled`,
 * `effective_at`), so a restart loses nothing; each runs in one transaction that also sets it `completed`, under
 * the organization tree lock and its row lock, so two registry instances (or a restart mid-run) never run one
 * twice: the second finds it completed, or the first's rollback left it scheduled.
 */
@Injectable()
export class ReorganizationScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ReorganizationScheduler');
  private readonly job = new PeriodicJob('ReorganizationScheduler', EVERY_MS, () => this.round());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: ReorganizationRunner,
    private readonly repo: ReorganizationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly pipeline: WritePipeline,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /**
   * Runs every reorganization due now, one transaction each; returns how many ran (completed or failed). One round
   * at a time in this process: a caller arriving mid-round gets the round that starts after it.
   */
  runDue(): Promise<number> {
    return this.job.runNow();
  }

  private async round(): Promise<number> {
    let ran = 0;
    for (;;) {
      const due = await this.repo.nextDue(this.dataSource.manager, new Date());
      if (due === null) return ran;
      const done = await this.pipeline.run(
        { actor: null, requestId: `reorganization:${due}`, ip: null },
        {
          load: async (em) => {
            await this.organizations.lockTree(em);
            return this.repo.lock(em, due);
          },
          // Another instance ran or cancelled it meanwhile: nothing to do.
          apply: async (em, r) => (r.status === SCHEDULED_REORGANIZATION_STATUS ? this.runner.run(em, r) : { result: null, audit: [] }),
        },
      );
      if (done) this.logger.log(`Reorganization ${done.id} (${done.kind}) ${done.status}: ${done.movedNumbers ?? 0} numbers moved`);
      ran++;
    }
  }
}
