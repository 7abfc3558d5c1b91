import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LookupEntry, OrganizationKind, PublishedProtectedName, ReorganizationHint, SignedEntry, SignedProtectedName } from '@app/domain';

/**
 * A change of the feed as the index applies it: a number's (e164 set), or a protected name's (e164 null,
 * protected_name_id set, entry a PublishedProtectedName).
 */
export interface FeedChangeRow {
  version: string;
  e164: string | null;
  protected_name_id: string | null;
  op: 'upsert' | 'remove';
  entry: LookupEntry | PublishedProtectedName | null;
  jws: string | null;
}

/** A row of a sync page: the registry's version and retention on every row, the change (null fields when none). */
export interface ChangesPageRow {
  current: string;
  retained_from: string;
  version: string | null;
  e164: string | null;
  protected_name_id: string | null;
  op: 'upsert' | 'remove';
  entry: LookupEntry | PublishedProtectedName | null;
  jws: string | null;
  changed_at: Date;
  reorganization: ReorganizationHint | null;
}

/** What the registry published, read by the lookup: published_numbers and names, the change feed and its version. */
@Injectable()
export class FeedRepository {
  async registryVersion(em: EntityManager): Promise<number> {
    const [{ version }] = await em.query('SELECT version FROM registry_state WHERE id = 1');
    return Number(version);
  }

  /** Every published entry with its JWS (read it with the version in one REPEATABLE READ transaction). */
  publishedEntries(em: EntityManager): Promise<SignedEntry[]> {
    return em.query('SELECT entry, jws FROM published_numbers');
  }

  /** Every protected name in force with its JWS and version (same transaction as publishedEntries). */
  async publishedNames(em: EntityManager): Promise<SignedProtectedName[]> {
    const rows: Array<{ entry: PublishedProtectedName; version: string; jws: string }> = await em.query(
      'SELECT entry, version, jws FROM published_protected_names',
    );
    return rows.map((r) => ({ entry: r.entry, version: Number(r.version), jws: r.jws }));
  }

  /** The latest retained change of a protected name (a removal leaves no published row), or 0. */
  async lastNameChange(em: EntityManager): Promise<number> {
    const [{ version }] = await em.query('SELECT max(version) AS version FROM registry_changes WHERE protected_name_id IS NOT NULL');
    return version === null ? 0 : Number(version);
  }

  /** Every organization's code and kind (screening; one row per organization). */
  organizationKinds(em: EntityManager): Promise<Array<{ code: string; kind: OrganizationKind }>> {
    return em.query('SELECT code, kind FROM organizations');
  }

  changesAfter(em: EntityManager, version: number, limit: number): Promise<FeedChangeRow[]> {
    return em.query(
      'SELECT version, e164, protected_name_id, op, entry, jws FROM registry_changes WHERE version > $1 ORDER BY version LIMIT $2',
      [version, limit],
    );
  }

  /**
   * Up to `limit` changes after `since`, with the registry's version and retention, in one statement: the
   * retention check, the cursor check and the page share one snapshot (a prune between two statements could
   * otherwise skip versions). Always at least one row (the state's).
   */
  changesPage(em: EntityManager, since: number, limit: number): Promise<ChangesPageRow[]> {
    return em.query(
      `WITH state AS (SELECT version, retained_from FROM registry_state WHERE id = 1)
       SELECT state.version AS current, state.retained_from, c.version, c.e164, c.protected_name_id, c.op, c.entry, c.jws,
              c.changed_at, c.reorganization
         FROM state LEFT JOIN LATERAL (
           SELECT version, e164, protected_name_id, op, entry, jws, changed_at, reorganization
             FROM registry_changes WHERE version > $1 ORDER BY version LIMIT $2
         ) c ON true
        ORDER BY c.version`,
      [since, limit],
    );
  }
}
