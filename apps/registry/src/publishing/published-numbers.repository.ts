import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LIVE_STATUSES, LookupEntry, NumberDirection, PENDING_REVISION_STATUS, ReviewStatus } from '@app/domain';

export const REGISTRY_CHANNEL = 'registry_changes';

/** A row of the organization tree, as the publisher walks it (an entry carries its owner's chain). */
export interface OrgRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  status: ReviewStatus;
}

/** A live number with its brandname, and the changes its pending change revision proposes (if any). */
export interface LiveNumberRow {
  e164: string;
  status: ReviewStatus;
  direction: NumberDirection;
  allowed_origins: string[];
  valid_from: Date | null;
  valid_to: Date | null;
  organization_id: string;
  b_status: ReviewStatus;
  label: string;
  display_name: string;
  display_name_ascii: string;
  call_reason: string | null;
  expires_at: Date | null;
  pending_changes: Record<string, unknown> | null;
}

/** One change of the feed: `entry` and `jws` null for a removal; `hint` the JSON of a reorganization hint. */
export interface FeedRow {
  version: number;
  e164: string;
  entry: LookupEntry | null;
  jws: string | null;
  hint: string | null;
}

/** A published entry to upsert, and the instants the timed publisher must publish it again. */
export interface PublishedRow {
  e164: string;
  entry: LookupEntry;
  version: number;
  startsAt: Date | null;
  endsAt: Date | null;
  jws: string;
}

/**
 * What lookups answer: published_numbers, the change feed (registry_changes) and its version (registry_state),
 * and what the publisher reads to compute entries. Each method runs in the caller's transaction.
 */
@Injectable()
export class PublishedNumbersRepository {
  /** The registry version row, FOR UPDATE: publishers (and whatever moves history or keys) serialise on it. */
  async lockState(em: EntityManager): Promise<{ version: string; retained_from: string }> {
    const [state] = await em.query('SELECT version, retained_from FROM registry_state WHERE id = 1 FOR UPDATE');
    return state;
  }

  organizationTree(em: EntityManager): Promise<OrgRow[]> {
    return em.query('SELECT id, parent_id, code, name, status FROM organizations');
  }

  /** The e164 of every live number with one of these brandnames. */
  async liveOfBrandnames(em: EntityManager, brandnameIds: readonly string[]): Promise<string[]> {
    const rows: Array<{ e164: string }> = await em.query(
      `SELECT e164 FROM caller_numbers WHERE brandname_id = ANY($1) AND status = ANY($2)`,
      [brandnameIds, LIVE_STATUSES],
    );
    return rows.map((r) => r.e164);
  }

  /** The e164 of every live number of these organizations. */
  async liveOfOrganizations(em: EntityManager, organizationIds: readonly string[]): Promise<string[]> {
    const rows: Array<{ e164: string }> = await em.query(
      `SELECT e164 FROM caller_numbers WHERE organization_id = ANY($1) AND status = ANY($2)`,
      [organizationIds, LIVE_STATUSES],
    );
    return rows.map((r) => r.e164);
  }

  /**
   * The live rows of these numbers (at most one each: a unique index) with their brandname and pending change
   * revision; pending claims and final rows publish nothing.
   */
  liveWithBrandname(em: EntityManager, e164s: readonly string[]): Promise<LiveNumberRow[]> {
    return em.query(
      `SELECT n.e164, n.status, n.direction, n.allowed_origins, n.valid_from, n.valid_to, n.organization_id,
              b.status AS b_status, b.label, b.display_name, b.display_name_ascii, b.call_reason, b.expires_at,
              r.changes AS pending_changes
         FROM caller_numbers n JOIN brandnames b ON b.id = n.brandname_id
         LEFT JOIN revisions r ON r.entity_type = 'number' AND r.entity_id = n.id AND r.status = $3 AND r.kind = 'change'
        WHERE n.e164 = ANY($1) AND n.status = ANY($2)`,
      [e164s, LIVE_STATUSES, PENDING_REVISION_STATUS],
    );
  }

  /** What is published now for these numbers. */
  /** The registry's version and every published entry with its JWS: one consistent state in a REPEATABLE READ. */
  async allSigned(em: EntityManager): Promise<{ version: number; rows: Array<{ entry: LookupEntry; jws: string | null }> }> {
    const [{ version }] = await em.query('SELECT version FROM registry_state WHERE id = 1');
    const rows = await em.query('SELECT entry, jws FROM published_numbers ORDER BY e164');
    return { version: Number(version), rows };
  }

  entries(em: EntityManager, e164s: readonly string[]): Promise<Array<{ e164: string; entry: LookupEntry }>> {
    return em.query('SELECT e164, entry FROM published_numbers WHERE e164 = ANY($1)', [e164s]);
  }

  /** Takes `count` versions; returns the last (hold lockState first). */
  async takeVersions(em: EntityManager, count: number): Promise<number> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [[{ version }]] = await em.query('UPDATE registry_state SET version = version + $1 WHERE id = 1 RETURNING version', [count]);
    return Number(version);
  }

  /** Appends to the change feed; `kid` is recorded for the signed (upsert) rows. */
  async appendChanges(em: EntityManager, rows: readonly FeedRow[], kid: string): Promise<void> {
    await em.query(
      `INSERT INTO registry_changes (version, e164, op, entry, jws, kid, reorganization)
       SELECT v, n, CASE WHEN e IS NULL THEN 'remove' ELSE 'upsert' END, e, j, CASE WHEN j IS NULL THEN NULL ELSE $5 END, r
         FROM unnest($1::bigint[], $2::varchar[], $3::jsonb[], $4::text[], $6::jsonb[]) AS t(v, n, e, j, r)`,
      [
        rows.map((r) => r.version),
        rows.map((r) => r.e164),
        rows.map((r) => (r.entry ? JSON.stringify(r.entry) : null)),
        rows.map((r) => r.jws),
        kid,
        rows.map((r) => r.hint),
      ],
    );
  }

  async upsert(em: EntityManager, rows: readonly PublishedRow[], kid: string): Promise<void> {
    await em.query(
      `INSERT INTO published_numbers (e164, entry, version, starts_at, ends_at, jws, kid)
       SELECT n, e, v, s, x, j, $7 FROM unnest($1::varchar[], $2::jsonb[], $3::bigint[], $4::timestamptz[], $5::timestamptz[], $6::text[])
         AS t(n, e, v, s, x, j)
       ON CONFLICT (e164) DO UPDATE
         SET entry = EXCLUDED.entry, version = EXCLUDED.version, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
             jws = EXCLUDED.jws, kid = EXCLUDED.kid`,
      [
        rows.map((r) => r.e164),
        rows.map((r) => JSON.stringify(r.entry)),
        rows.map((r) => r.version),
        rows.map((r) => r.startsAt),
        rows.map((r) => r.endsAt),
        rows.map((r) => r.jws),
        kid,
      ],
    );
  }

  async remove(em: EntityManager, e164s: readonly string[]): Promise<void> {
    await em.query('DELETE FROM published_numbers WHERE e164 = ANY($1)', [e164s]);
  }

  /** Delivered at commit; lookups on a server LISTEN for it, and poll as the safety net. */
  /** Each lookup instance's report: the version its index holds and how old the report is. */
  async lookupReports(em: EntityManager): Promise<Array<{ instanceId: string; appliedVersion: number; ageSeconds: number }>> {
    const rows: Array<{ instance_id: string; applied_version: string; age: number }> = await em.query(
      `SELECT instance_id, applied_version, EXTRACT(EPOCH FROM clock_timestamp() - reported_at)::float8 AS age FROM lookup_presence`,
    );
    return rows.map((r) => ({ instanceId: r.instance_id, appliedVersion: Number(r.applied_version), ageSeconds: Number(r.age) }));
  }

  async notify(em: EntityManager, version: number): Promise<void> {
    await em.query('SELECT pg_notify($1, $2)', [REGISTRY_CHANNEL, String(version)]);
  }

  /** Numbers whose validity started (`started`) or ended by `now`, in number order. */
  due(em: EntityManager, now: Date, limit: number): Promise<Array<{ e164: string; started: boolean }>> {
    return em.query(
      `SELECT e164, coalesce(starts_at <= $1, false) AS started FROM published_numbers
        WHERE starts_at <= $1 OR ends_at <= $1 ORDER BY e164 LIMIT $2`,
      [now, limit],
    );
  }

  /** The last version changed before `cutoff`, or null. */
  async lastVersionBefore(em: EntityManager, cutoff: Date): Promise<string | null> {
    const [{ upto }] = await em.query('SELECT max(version) AS upto FROM registry_changes WHERE changed_at < $1', [cutoff]);
    return upto;
  }

  /** Deletes the feed up to `upto` and moves `retained_from` there (hold lockState first). */
  async pruneFeed(em: EntityManager, upto: string): Promise<void> {
    await em.query('DELETE FROM registry_changes WHERE version <= $1', [upto]);
    await em.query('UPDATE registry_state SET retained_from = greatest(retained_from, $1) WHERE id = 1', [upto]);
  }
}
