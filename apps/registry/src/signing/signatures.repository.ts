import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LookupEntry, PublishedProtectedName } from '@app/domain';

/** Stored signatures: what re-signing replaces (published entries, feed upserts) and the lookups' snapshot trailers. */
@Injectable()
export class SignaturesRepository {
  /** Published numbers signed by one of `older` or unsigned, in number order. */
  async staleEntries(em: EntityManager, older: readonly string[], limit: number): Promise<string[]> {
    // kid = ANY / IS NULL: both by index (kid IS DISTINCT FROM would read every row).
    const rows: Array<{ e164: string }> = await em.query(
      `SELECT e164 FROM published_numbers WHERE kid = ANY($1) OR kid IS NULL ORDER BY e164 LIMIT $2`,
      [older, limit],
    );
    return rows.map((r) => r.e164);
  }

  /** Retained feed upserts signed by one of `older` or unsigned, in version order. */
  staleChanges(
    em: EntityManager,
    older: readonly string[],
    limit: number,
  ): Promise<Array<{ version: string; entry: LookupEntry | PublishedProtectedName; protected_name_id: string | null }>> {
    return em.query(
      `SELECT version, entry, protected_name_id FROM registry_changes WHERE op = 'upsert' AND (kid = ANY($1) OR kid IS NULL) ORDER BY version LIMIT $2`,
      [older, limit],
    );
  }

  /** New signatures for feed changes (same entry and version), by `kid`. */
  async resignChanges(em: EntityManager, versions: readonly string[], jws: readonly string[], kid: string): Promise<void> {
    await em.query(
      `UPDATE registry_changes c SET jws = t.j, kid = $3 FROM unnest($1::bigint[], $2::text[]) AS t(v, j) WHERE c.version = t.v`,
      [versions, jws, kid],
    );
  }

  /** Whether a trailer waits for its signature (by the partial index, no transaction). */
  async trailerWaiting(em: EntityManager): Promise<boolean> {
    const [waiting] = await em.query(`SELECT 1 FROM snapshot_signatures WHERE jws IS NULL LIMIT 1`);
    return Boolean(waiting);
  }

  /** Up to 50 unsigned trailers, oldest first, locked; another instance skips them. */
  lockWaitingTrailers(em: EntityManager): Promise<Array<{ id: string; registry_version: string; count: number; sha256: string }>> {
    return em.query(
      `SELECT id, registry_version, count, sha256 FROM snapshot_signatures WHERE jws IS NULL ORDER BY requested_at LIMIT 50
         FOR UPDATE SKIP LOCKED`,
    );
  }

  async signTrailer(em: EntityManager, id: string, jws: string): Promise<void> {
    await em.query(`UPDATE snapshot_signatures SET jws = $2, signed_at = now() WHERE id = $1`, [id, jws]);
  }

  async pruneTrailers(em: EntityManager, keepMinutes: number): Promise<void> {
    await em.query(`DELETE FROM snapshot_signatures WHERE requested_at < now() - make_interval(mins => $1)`, [keepMinutes]);
  }
}
