import { Injectable, Logger, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import { DataSource } from 'typeorm';
import { lookupsBehind } from '@app/domain';
import { Metrics, SigningConfig } from '@app/platform';
import { PublishedNumbersRepository } from './published-numbers.repository';

const POLL_MS = 20;

/**
 * Waits, after a write that removed a brand has committed, until every running lookup reports holding it (see
 * libs/domain lookup-propagation.ts): its 2xx then means "out of every lookup", so a registry that dies right after
 * answering leaves no suspended number branded. Bounded by LOOKUP_CONFIRM_TIMEOUT_MS; past it the write answers
 * anyway (it has committed), logged and counted.
 */
@Injectable()
export class LookupPropagation {
  private readonly logger = new Logger('LookupPropagation');
  private readonly timeouts: Counter;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly published: PublishedNumbersRepository,
    // SigningConfig: the settings the registry and its CLI share (RegistryConfig extends it).
    private readonly config: SigningConfig,
    // The CLI has no metrics listener: its writes log a timeout and count nothing.
    @Optional() metrics?: Metrics,
  ) {
    this.timeouts = new Counter({
      name: 'registry_lookup_confirmation_timeouts_total',
      help: 'Writes narrowing a brand that answered before every running lookup confirmed holding them',
      registers: metrics ? [metrics.registry] : [],
    });
  }

  async confirmed(version: number): Promise<void> {
    const deadline = Date.now() + this.config.LOOKUP_CONFIRM_TIMEOUT_MS;
    for (;;) {
      let behind: string[];
      try {
        behind = lookupsBehind(await this.published.lookupReports(this.dataSource.manager), version);
      } catch (err) {
        // The write has committed; a database lost just now makes the wait unknowable, not the write undone.
        this.logger.warn(`Cannot read lookup reports for version ${version}: ${(err as Error).message}`);
        return;
      }
      if (behind.length === 0) return;
      if (Date.now() >= deadline) {
        this.timeouts.inc();
        this.logger.warn(`Version ${version} acknowledged before ${behind.length} running lookup(s) held it: ${behind.join(', ')}`);
        return;
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}
