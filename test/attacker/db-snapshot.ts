import { DataSource } from 'typeorm';

/**
 * A copy of every table of the public schema (but the migrations' own bookkeeping), taken once after the seed,
 * restored before each sequence so every sequence starts from the identical state. The table list comes from
 * information_schema, so tables added by later migrations are copied too.
 *
 * Restoring runs in one transaction with `session_replication_role = replica` (SET LOCAL: the embedded database
 * has a single session), so foreign keys and the audit table's append-only triggers stay out of the way, as in
 * test/support/database.ts's resetDatabase. Only tables that differ from the copy (by row count and a digest of
 * their rows, one query for all) are emptied with DELETE and copied back: TRUNCATE would also reset the tables'
 * files and cached plans, which made the sequences' own requests slower. The dead rows DELETE leaves behind are
 * vacuumed every VACUUM_EVERY restores, or scans would slow down run after run.
 */
const SNAPSHOT_SCHEMA = 'attacker_snapshot';
const SKIPPED = new Set(['schema_migrations']);
const VACUUM_EVERY = 25;

export class DbSnapshot {
  private tables: string[] = [];
  private fingerprints = new Map<string, string>();
  private dirty = new Set<string>();
  private restores = 0;

  constructor(private readonly ds: DataSource) {}

  async take(): Promise<void> {
    const rows: Array<{ table_name: string }> = await this.ds.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    this.tables = rows.map((r) => r.table_name).filter((t) => !SKIPPED.has(t));
    await this.ds.transaction(async (em) => {
      await em.query(`DROP SCHEMA IF EXISTS ${SNAPSHOT_SCHEMA} CASCADE`);
      await em.query(`CREATE SCHEMA ${SNAPSHOT_SCHEMA}`);
      for (const t of this.tables) await em.query(`CREATE TABLE ${SNAPSHOT_SCHEMA}."${t}" AS SELECT * FROM public."${t}"`);
    });
    this.fingerprints = await this.fingerprint(SNAPSHOT_SCHEMA);
  }

  /** Puts back the state of take(); answers the tables that had changed. */
  async restore(): Promise<string[]> {
    const now = await this.fingerprint('public');
    const changed = this.tables.filter((t) => now.get(t) !== this.fingerprints.get(t));
    if (changed.length > 0) {
      await this.ds.transaction(async (em) => {
        await em.query(`SET LOCAL session_replication_role = replica`);
        for (const t of changed) await em.query(`DELETE FROM public."${t}"`);
        for (const t of changed) await em.query(`INSERT INTO public."${t}" SELECT * FROM ${SNAPSHOT_SCHEMA}."${t}"`);
      });
    }
    for (const t of changed) this.dirty.add(t);
    if (++this.restores % VACUUM_EVERY === 0 && this.dirty.size > 0) {
      await this.ds.query(`VACUUM ${[...this.dirty].map((t) => `public."${t}"`).join(', ')}`);
      this.dirty.clear();
    }
    return changed;
  }

  async drop(): Promise<void> {
    await this.ds.query(`DROP SCHEMA IF EXISTS ${SNAPSHOT_SCHEMA} CASCADE`);
  }

  /** Per table: its row count and an order-independent digest of its rows (a sum of per-row hashes). */
  private async fingerprint(schema: string): Promise<Map<string, string>> {
    const parts = this.tables.map(
      (t) =>
        `SELECT '${t}' AS t, count(*)::text || ':' || coalesce(sum(('x' || substr(md5(r::text), 1, 15))::bit(60)::bigint), 0)::text AS f
           FROM ${schema}."${t}" r`,
    );
    const rows: Array<{ t: string; f: string }> = await this.ds.query(parts.join(' UNION ALL '));
    return new Map(rows.map((r) => [r.t, r.f]));
  }
}
