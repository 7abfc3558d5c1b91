import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import {
  compileEntry,
  DomainError,
  LookupEntry,
  LookupIndex,
  PublishedNames,
  PublishedProtectedName,
  ReorganizationHint,
  signedSnapshotChunks,
  SyncEntry,
  SyncProtectedName,
  toSyncEntry,
  toSyncProtectedName,
} from '@app/domain';
import { isDatabaseUnavailable } from '@app/platform';
import { ChangesPageRow, FeedRepository } from '../feed/feed.repository';
import { TrailerSignatures } from './trailer-signatures.service';

export const CHANGES_MAX = 10_000;

export interface ChangesPage {
  fromVersion: number;
  toVersion: number;
  hasMore: boolean;
  /** Numbers' changes only: a number-only client reads this list as before. */
  changes: SyncChange[];
  /** Protected names' changes in the same version range (they share the registry's version sequence). */
  protectedNames: SyncProtectedNameChange[];
}

export interface SyncProtectedNameChange {
  version: number;
  id: string;
  op: 'upsert' | 'remove';
  /** The entry with its version and JWS; null for a removal. */
  entry: SyncProtectedName | null;
}

/** GET /v1/sync/protected-names: every name in force; `etag` from the version of the last name change and their count. */
export interface ProtectedNamesFeed {
  registryVersion: number;
  names: SyncProtectedName[];
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
    private readonly feed: FeedRepository,
    private readonly names: PublishedNames,
  ) {}

  /**
   * The ETag of the protected-name feed: the version of the last name change (removals included) and the count
   * of names. A removal whose feed row was pruned before a restart is not known; the count still tells that state
   * from the one before it (every name now was published at or before that version, so the same count is the same set).
   */
  protectedNamesEtag(): string {
    return `"pn-${this.names.lastChange}-${this.names.size}"`;
  }

  protectedNames(): ProtectedNamesFeed {
    return { registryVersion: this.index.version, names: this.names.values().map(toSyncProtectedName) };
  }

  /**
   * NDJSON: a header line, then every number not ended, from one index state, then the signed trailer. Without
   * the registry's signature for the trailer the stream is cut short (no trailer): a carrier must not take it.
   */
  snapshot(): { stream: Readable; registryVersion: number } {
    const stream = Readable.from(
      signedSnapshotChunks(
        this.index,
        Date.now(),
        (claims) => this.trailers.sign(claims),
        () => this.names.values(),
      ),
    );
    stream.on('error', (err) => this.logger.warn(`Snapshot cut short without its trailer: ${err.message}`));
    return { stream, registryVersion: this.index.version };
  }

  /**
   * One statement (see FeedRepository.changesPage), so a prune cannot skip versions without a 410. Each entry is
   * given as it answered when published.
   */
  async changes(since: number, limit: number): Promise<ChangesPage> {
    let rows: ChangesPageRow[];
    try {
      rows = await this.feed.changesPage(this.dataSource.manager, since, limit + 1);
    } catch (err) {
      // Unreachable or too slow: the filter's 503 DATABASE_UNAVAILABLE, with Retry-After, like every route.
      if (isDatabaseUnavailable(err)) throw err;
      throw new DomainError('SERVICE_UNAVAILABLE', 'The change history is unavailable right now; retry shortly');
    }
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
    const page = found.slice(0, limit);
    const changes: SyncChange[] = [];
    const protectedNames: SyncProtectedNameChange[] = [];
    for (const r of page) {
      if (r.e164 === null) protectedNames.push(nameChangeOf(r));
      else changes.push(numberChangeOf(r, r.e164));
    }
    const toVersion = page.length ? Number(page[page.length - 1].version) : Math.max(since, current);
    return { fromVersion: since, toVersion, hasMore, changes, protectedNames };
  }
}

/** A number's change, its entry given as it answered when published. */
function numberChangeOf(r: ChangesPageRow, number: string): SyncChange {
  const synced = r.entry ? toSyncEntry(compileEntry(r.entry as LookupEntry), new Date(r.changed_at).getTime()) : null;
  const entry = synced ? { ...synced, jws: r.jws } : null;
  const change: SyncChange = { version: Number(r.version), number, op: entry ? 'upsert' : 'remove', entry };
  if (entry && r.reorganization) change.reorganization = r.reorganization;
  return change;
}

function nameChangeOf(r: ChangesPageRow): SyncProtectedNameChange {
  const version = Number(r.version);
  const entry = r.op === 'upsert' && r.entry && r.jws ? { ...(r.entry as PublishedProtectedName), version, jws: r.jws } : null;
  return { version, id: r.protected_name_id!, op: entry ? 'upsert' : 'remove', entry };
}
