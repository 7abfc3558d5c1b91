import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  compileEntry,
  DomainError,
  LookupEntry,
  LookupIndex,
  ReorganizationHint,
  signedSnapshotChunks,
  SyncEntry,
  toSyncEntry,
} from '@app/domain';
import { TrailerSignatures } from './trailer-signatures.service';

export const CHANGES_MAX = 10_000;

export interface ChangesPage {
  fromVersion: number;
  toVersion: number;
  hasMore: boolean;
  changes: SyncChange[];
}

export interface SyncChange {
  version: number;
  number: string;
  op: 'upsert' | 'remove';
  /** The entry with its JWS, as on a snapshot line: a copy stores either the same way. */
  entry: (SyncEntry & { jws: string | null }) | null;
  /** Present when a reorganization moved the number: the same number under a new owner, not a new registration. */
  reorganization?: ReorganizationHint;
}

@Injectable()
export class SyncService {
  private readonly logger = new Logger('Sync');

  constructor(
    private readonly index: LookupIndex,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trailers: TrailerSignatures,
  ) {}

  /**
   * NDJSON: a header line, then every number not ended, from one index state, then the signed trailer. Without
   * the registry's signature for the trailer the stream is cut short (no trailer): a carrier must not take it.
   */
  snapshot(): { stream: Readable; registryVersion: number } {
    const stream = Readable.from(signedSnapshotChunks(this.index, Date.now(), (claims) => this.trailers.sign(claims)));
    stream.on('error', (err) => this.logger.warn(`Snapshot cut short without its trailer: ${err.message}`));
    return { stream, registryVersion: this.index.version };
  }

  /**
   * One statement, so the retention check, the cursor check and the page share one snapshot (a prune between two
   * statements could otherwise skip versions without a 410). Each entry is given as it answered when published.
   */
  async changes(since: number, limit: number): Promise<ChangesPage> {
    const rows: Array<{
      current: string;
      retained_from: string;
      version: string | null;
      e164: string;
      op: 'upsert' | 'remove';
      entry: LookupEntry | null;
      jws: string | null;
      changed_at: Date;
      reorganization: ReorganizationHint | null;
    }> = await this.query(
      `WITH state AS (SELECT version, retained_from FROM registry_state WHERE id = 1)
       SELECT state.version AS current, state.retained_from, c.version, c.e164, c.op, c.entry, c.jws, c.changed_at, c.reorganization
         FROM state LEFT JOIN LATERAL (
           SELECT version, e164, op, entry, jws, changed_at, reorganization FROM registry_changes WHERE version > $1 ORDER BY version LIMIT $2
         ) c ON true
        ORDER BY c.version`,
      [since, limit + 1],
    );
    const current = Number(rows[0].current);
    const retainedFrom = Number(rows[0].retained_from);
    if (since < retainedFrom) {
      throw new DomainError('SNAPSHOT_REQUIRED', `History before version ${retainedFrom} is no longer kept; load /v1/sync/snapshot`);
    }
    if (since > current) {
      throw new DomainError(
        'CURSOR_AHEAD',
        `since=${since} is ahead of the registry (version ${current}): the registry was restored; load /v1/sync/snapshot`,
        { currentVersion: current },
      );
    }
    const found = rows.filter((r) => r.version !== null);
    const hasMore = found.length > limit;
    const changes = found.slice(0, limit).map((r): SyncChange => {
      const synced = r.entry ? toSyncEntry(compileEntry(r.entry), new Date(r.changed_at).getTime()) : null;
      const entry = synced ? { ...synced, jws: r.jws } : null;
      const change: SyncChange = { version: Number(r.version), number: r.e164, op: entry ? 'upsert' : 'remove', entry };
      if (entry && r.reorganization) change.reorganization = r.reorganization;
      return change;
    });
    const toVersion = changes.length ? changes[changes.length - 1].version : Math.max(since, current);
    return { fromVersion: since, toVersion, hasMore, changes };
  }

  private async query(sql: string, params?: unknown[]) {
    try {
      return await this.dataSource.query(sql, params);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The change history is unavailable right now; retry shortly');
    }
  }
}
