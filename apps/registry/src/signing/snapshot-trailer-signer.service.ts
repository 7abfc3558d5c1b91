import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PeriodicJob } from '@app/platform';
import { EntrySigner } from './entry-signer.service';
import { SignaturesRepository } from './signatures.repository';

const EVERY_MS = 100;
const KEEP_MINUTES = 60;

/**
 * Signs the trailers of snapshots the lookup serves: the lookup computes the SHA-256 of what it streamed and asks
 * here, through snapshot_signatures, since only the registry holds a private key. Requests are small and rare
 * (a few snapshots per carrier per minute at most); old ones are deleted.
 */
@Injectable()
export class SnapshotTrailerSigner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly job = new PeriodicJob('SnapshotTrailer', EVERY_MS, () => this.round());
  private rounds = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: EntrySigner,
    private readonly signatures: SignaturesRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.job.start();
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  private async round(): Promise<void> {
    await this.signPending();
    // About once a minute.
    if (++this.rounds % 600 === 0) await this.signatures.pruneTrailers(this.dataSource.manager, KEEP_MINUTES);
  }

  async signPending(): Promise<number> {
    // A read by the partial index first: most rounds find nothing and open no transaction.
    if (!(await this.signatures.trailerWaiting(this.dataSource.manager))) return 0;
    return this.dataSource.transaction(async (em) => {
      const rows = await this.signatures.lockWaitingTrailers(em);
      if (!rows.length) return 0;
      const kid = await this.signer.currentKid(em);
      for (const r of rows) {
        const jws = await this.signer.signSnapshot(kid, { registryVersion: Number(r.registry_version), count: r.count, sha256: r.sha256 });
        await this.signatures.signTrailer(em, r.id, jws);
      }
      return rows.length;
    });
  }
}
