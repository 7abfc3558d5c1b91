import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
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
  private readonly logger = new Logger('SnapshotTrailer');
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private rounds = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: EntrySigner,
    private readonly signatures: SignaturesRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.round(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async round(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.signPending();
      if (++this.rounds % 600 === 0) {
        await this.signatures.pruneTrailers(this.dataSource.manager, KEEP_MINUTES);
      }
    } catch (err) {
      this.logger.warn(`Signing snapshot trailers failed, retrying: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
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
