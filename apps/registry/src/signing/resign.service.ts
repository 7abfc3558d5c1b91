import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '@app/platform';
import { LookupEntry, PublishedProtectedName } from '@app/domain';
import { ProtectedNamePublisher } from '../publishing/protected-name-publisher.service';
import { PublishedNumbersRepository } from '../publishing/published-numbers.repository';
import { PublishedProtectedNamesRepository } from '../publishing/published-protected-names.repository';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { EntrySigner } from './entry-signer.service';
import { SignaturesRepository } from './signatures.repository';
import { SigningKeysRepository } from './signing-keys.repository';

const EVERY_MS = 1_000;

/**
 * After a rotation (or for entries published before signing), re-signs with the current key in batches, one
 * transaction each, so it resumes wherever it stopped: published entries are published again (a touch: carriers'
 * copies receive the new signature as an upsert), feed upserts still retained get a new signature of the same
 * entry and version. A key nothing refers to any more is retired: it leaves the JWKS.
 */
@Injectable()
export class ResignService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Resign');
  private readonly job = new PeriodicJob('Resign', EVERY_MS, () => this.resignAll());
  /** Rows per transaction. */
  batchSize = 1_000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: RegistryPublisher,
    private readonly signer: EntrySigner,
    private readonly published: PublishedNumbersRepository,
    private readonly signingKeys: SigningKeysRepository,
    private readonly signatures: SignaturesRepository,
    private readonly protectedNames: PublishedProtectedNamesRepository,
    private readonly namePublisher: ProtectedNamePublisher,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** Runs batches until nothing is signed by an older key; returns how many rows were re-signed. */
  async resignAll(): Promise<number> {
    let total = 0;
    for (let n = await this.batch(); n > 0; n = await this.batch()) total += n;
    await this.retireUnused();
    if (total > 0) this.logger.log(`Re-signed ${total} entries with the current key`);
    return total;
  }

  /** One batch: published entries first, then retained feed upserts. */
  async batch(): Promise<number> {
    // Without a lock, by index: nearly always nothing to do (no older key in use, nothing unsigned).
    if (!(await this.anythingStale())) return 0;
    return this.dataSource.transaction(async (em) => {
      // The publishers' lock first, so two instances never pick the same rows.
      await this.published.lockState(em);
      const kid = await this.signer.currentKid(em);
      const older = await this.signingKeys.othersInUse(em, kid);
      const e164s = await this.signatures.staleEntries(em, older, this.batchSize);
      if (e164s.length) {
        await this.publisher.publish(em, { e164s }, { touch: e164s });
        return e164s.length;
      }
      const names = await this.protectedNames.staleIds(em, older, this.batchSize);
      if (names.length) return this.namePublisher.publishInForce(em, names);
      const changes = await this.signatures.staleChanges(em, older, this.batchSize);
      if (!changes.length) return 0;
      const iat = Math.floor(Date.now() / 1000);
      const jws = await Promise.all(
        changes.map((c) =>
          c.protected_name_id
            ? this.signer.signProtectedName(kid, c.entry as PublishedProtectedName, Number(c.version), iat)
            : this.signer.signEntry(kid, c.entry as LookupEntry, Number(c.version), iat),
        ),
      );
      await this.signatures.resignChanges(
        em,
        changes.map((c) => c.version),
        jws,
        kid,
      );
      return changes.length;
    });
  }

  private anythingStale(): Promise<boolean> {
    return this.signingKeys.anythingStale(this.dataSource.manager);
  }

  private async retireUnused(): Promise<void> {
    if (!(await this.anythingStale())) return;
    await this.signingKeys.retireUnused(this.dataSource.manager);
  }
}
