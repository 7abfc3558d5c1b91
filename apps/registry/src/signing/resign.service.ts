import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LookupEntry } from '@app/domain';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { EntrySigner } from './entry-signer.service';

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
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Rows per transaction. */
  batchSize = 1_000;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly publisher: RegistryPublisher,
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
      await this.resignAll();
    } catch (err) {
      this.logger.warn(`Re-signing failed, retrying: ${(err as Error).message}`);
    } finally {
      this.running = false;
    }
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
      await em.query('SELECT version FROM registry_state WHERE id = 1 FOR UPDATE');
      const kid = await this.signer.currentKid(em);
      const older: string[] = (await em.query(`SELECT kid FROM signing_keys WHERE kid <> $1 AND retired_at IS NULL`, [kid])).map(
        (r: { kid: string }) => r.kid,
      );
      // kid = ANY / IS NULL: both by index (kid IS DISTINCT FROM would read every row).
      const stale: Array<{ e164: string }> = await em.query(
        `SELECT e164 FROM published_numbers WHERE kid = ANY($1) OR kid IS NULL ORDER BY e164 LIMIT $2`,
        [older, this.batchSize],
      );
      if (stale.length) {
        const e164s = stale.map((r) => r.e164);
        await this.publisher.publish(em, { e164s }, { touch: e164s });
        return stale.length;
      }
      const changes: Array<{ version: string; entry: LookupEntry }> = await em.query(
        `SELECT version, entry FROM registry_changes WHERE op = 'upsert' AND (kid = ANY($1) OR kid IS NULL) ORDER BY version LIMIT $2`,
        [older, this.batchSize],
      );
      if (!changes.length) return 0;
      const iat = Math.floor(Date.now() / 1000);
      const jws = await Promise.all(changes.map((c) => this.signer.signEntry(kid, c.entry, Number(c.version), iat)));
      await em.query(
        `UPDATE registry_changes c SET jws = t.j, kid = $3 FROM unnest($1::bigint[], $2::text[]) AS t(v, j) WHERE c.version = t.v`,
        [changes.map((c) => c.version), jws, kid],
      );
      return changes.length;
    });
  }

  private async anythingStale(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM signing_keys WHERE NOT "current" AND retired_at IS NULL)
           OR EXISTS (SELECT 1 FROM published_numbers WHERE kid IS NULL)
           OR EXISTS (SELECT 1 FROM registry_changes WHERE op = 'upsert' AND kid IS NULL) AS stale`,
    );
    return row.stale === true;
  }

  private async retireUnused(): Promise<void> {
    if (!(await this.anythingStale())) return;
    await this.dataSource.query(
      `UPDATE signing_keys k SET retired_at = now()
        WHERE NOT k."current" AND k.retired_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM published_numbers p WHERE p.kid = k.kid)
          AND NOT EXISTS (SELECT 1 FROM registry_changes c WHERE c.op = 'upsert' AND c.kid = k.kid)`,
    );
  }
}
