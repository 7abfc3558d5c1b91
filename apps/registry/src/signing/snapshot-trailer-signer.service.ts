import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { EntrySigner } from './entry-signer.service';

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
        await this.dataSource.query(`DELETE FROM snapshot_signatures WHERE requested_at < now() - make_interval(mins => $1)`, [
          KEEP_MINUTES,
        ]);
      }
    } catch (err) {
      this.logger.warn(`Signing snapshot trailers failed, retrying: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  async signPending(): Promise<number> {
    // A read by the partial index first: most rounds find nothing and open no transaction.
    const [waiting] = await this.dataSource.query(`SELECT 1 FROM snapshot_signatures WHERE jws IS NULL LIMIT 1`);
    if (!waiting) return 0;
    return this.dataSource.transaction(async (em) => {
      const rows: Array<{ id: string; registry_version: string; count: number; sha256: string }> = await em.query(
        `SELECT id, registry_version, count, sha256 FROM snapshot_signatures WHERE jws IS NULL ORDER BY requested_at LIMIT 50
           FOR UPDATE SKIP LOCKED`,
      );
      if (!rows.length) return 0;
      const kid = await this.signer.currentKid(em);
      for (const r of rows) {
        const jws = await this.signer.signSnapshot(kid, { registryVersion: Number(r.registry_version), count: r.count, sha256: r.sha256 });
        await em.query(`UPDATE snapshot_signatures SET jws = $2, signed_at = now() WHERE id = $1`, [r.id, jws]);
      }
      return rows.length;
    });
  }
}
