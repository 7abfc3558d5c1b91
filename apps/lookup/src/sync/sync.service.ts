import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { compileEntry, DomainError, LookupEntry, LookupIndex, snapshotChunks, SyncEntry, toSyncEntry } from '@app/domain';

export const CHANGES_MAX = 10_000;

export interface ChangesPage {
  fromVersion: number;
  toVersion: number;
  hasMore: boolean;
  changes: Array<{ version: number; number: string; op: 'upsert' | 'remove'; entry: SyncEntry | null }>;
}

@Injectable()
export class SyncService {
  constructor(
    private readonly index: LookupIndex,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** NDJSON: a header line, then every number not answering `unregistered`, from one index state. */
  snapshot(): Readable {
    return Readable.from(snapshotChunks(this.index, Date.now()));
  }

  async changes(since: number, limit: number): Promise<ChangesPage> {
    const [state] = await this.query('SELECT version, retained_from FROM registry_state WHERE id = 1');
    if (since < Number(state.retained_from)) {
      throw new DomainError('SNAPSHOT_REQUIRED', `History before version ${state.retained_from} is no longer kept; load /v1/sync/snapshot`);
    }
    const rows: Array<{ version: string; e164: string; op: 'upsert' | 'remove'; entry: LookupEntry | null }> = await this.query(
      'SELECT version, e164, op, entry FROM registry_changes WHERE version > $1 ORDER BY version LIMIT $2',
      [since, limit + 1],
    );
    const hasMore = rows.length > limit;
    const now = Date.now();
    const changes = rows.slice(0, limit).map((r) => {
      const entry = r.entry ? toSyncEntry(compileEntry(r.entry), now) : null;
      return { version: Number(r.version), number: r.e164, op: entry ? ('upsert' as const) : ('remove' as const), entry };
    });
    const toVersion = changes.length ? changes[changes.length - 1].version : Math.max(since, Number(state.version));
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
