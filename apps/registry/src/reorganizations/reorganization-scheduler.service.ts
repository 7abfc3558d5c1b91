import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Reorganization } from '@app/database';
import { lockRow } from '../common/locking';
import { lockOrganizationTree } from '../organizations/organizations.service';
import { ReorganizationRunner } from './reorganization-runner';

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
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runner: ReorganizationRunner,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.runDue().catch((err) => this.logger.warn(`Reorganization round failed, retrying: ${(err as Error).message}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Runs every reorganization due now, one transaction each; returns how many ran (completed or failed). */
  runDue(): Promise<number> {
    // One round at a time in this process; a caller arriving mid-round waits for it, then runs its own.
    const round = (this.running ?? Promise.resolve()).then(() => this.round());
    const settled = round.then(
      () => undefined,
      () => undefined,
    );
    this.running = settled;
    void settled.then(() => {
      if (this.running === settled) this.running = null;
    });
    return round;
  }

  private async round(): Promise<number> {
    let ran = 0;
    for (;;) {
      const [due] = await this.dataSource.query(
        `SELECT id FROM reorganizations WHERE status = 'scheduled' AND effective_at <= $1 ORDER BY effective_at, id LIMIT 1`,
        [new Date()],
      );
      if (!due) return ran;
      await this.dataSource.transaction(async (em) => {
        await lockOrganizationTree(em);
        const r = await lockRow(em, Reorganization, due.id, 'reorganization');
        if (r.status !== 'scheduled') return; // another instance ran or cancelled it meanwhile
        const done = await this.runner.run(em, r);
        this.logger.log(`Reorganization ${r.id} (${r.kind}) ${done.status}: ${done.movedNumbers ?? 0} numbers moved`);
      });
      ran++;
    }
  }
}
