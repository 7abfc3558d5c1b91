import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProtectedNameChange, PublishedProtectedName, SignedProtectedName } from '@app/domain';

/** published_protected_names and the protected names' rows of the change feed. */
@Injectable()
export class PublishedProtectedNamesRepository {
  /** Every published name with its version and JWS, for a snapshot (read with the numbers in one transaction). */
  async allSigned(em: EntityManager): Promise<SignedProtectedName[]> {
    const rows: Array<{ entry: PublishedProtectedName; version: string; jws: string }> = await em.query(
      `SELECT entry, version, jws FROM published_protected_names ORDER BY id`,
    );
    return rows.map((r) => ({ entry: r.entry, version: Number(r.version), jws: r.jws }));
  }

  /** What lookups have now, by id: what the publisher compares the list in force with. */
  async entries(em: EntityManager): Promise<Map<string, PublishedProtectedName>> {
    const rows: Array<{ id: string; entry: PublishedProtectedName }> = await em.query(`SELECT id, entry FROM published_protected_names`);
    return new Map(rows.map((r) => [r.id, r.entry]));
  }

  async append(em: EntityManager, changes: readonly ProtectedNameChange[], kid: string): Promise<void> {
    for (const c of changes) {
      await em.query(
        `INSERT INTO registry_changes (version, e164, protected_name_id, op, entry, jws, kid) VALUES ($1, NULL, $2, $3, $4, $5, $6)`,
        [c.version, c.id, c.op, c.entry ? JSON.stringify(c.entry) : null, c.jws, c.entry ? kid : null],
      );
      if (c.entry) {
        await em.query(
          `INSERT INTO published_protected_names (id, entry, version, jws, kid) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET entry = EXCLUDED.entry, version = EXCLUDED.version, jws = EXCLUDED.jws, kid = EXCLUDED.kid`,
          [c.id, JSON.stringify(c.entry), c.version, c.jws, kid],
        );
      } else {
        await em.query(`DELETE FROM published_protected_names WHERE id = $1`, [c.id]);
      }
    }
  }

  /** Published names signed by one of `older` (what re-signing publishes again). */
  async staleIds(em: EntityManager, older: readonly string[], limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await em.query(
      `SELECT id FROM published_protected_names WHERE kid = ANY($1) ORDER BY id LIMIT $2`,
      [older, limit],
    );
    return rows.map((r) => r.id);
  }
}
