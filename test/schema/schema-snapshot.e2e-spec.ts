import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import {
  CLAIM_STATUSES,
  LIVE_STATUSES,
  PENDING_HOLDING_STATUS,
  PENDING_REVISION_STATUS,
  SCHEDULED_REORGANIZATION_STATUS,
} from '@app/domain';
import { testDataSource } from '../support/database';

/**
 * Migrations are the schema's source of truth: entities declare columns only, while the partial unique indexes,
 * CHECKs and triggers the rules rely on live in hand-written migrations. This compares the live schema after
 * migrating with the committed snapshot, on the embedded database and on the server alike, so a migration that
 * drops or changes one of them (as `typeorm migration:generate` would) fails here.
 * After an intended schema change: UPDATE_SCHEMA_SNAPSHOT=1 npm run test:e2e -- test/schema, then review the diff.
 */
const SNAPSHOT = join(__dirname, 'schema-snapshot.json');

async function liveSchema(ds: DataSource) {
  const normalize = (text: string) => text.replace(/\s+/g, ' ').trim();
  const columns = await ds.query(`
    SELECT table_name AS table, column_name AS column, data_type AS type, is_nullable AS nullable, column_default AS default
      FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, column_name`);
  const indexes = await ds.query(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`,
  );
  const constraints = await ds.query(`
    SELECT conrelid::regclass::text AS table, conname AS name, contype AS type, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype IN ('p', 'u', 'f', 'c') ORDER BY 1, 2`);
  const triggers = await ds.query(`
    SELECT tgrelid::regclass::text AS table, tgname AS name, pg_get_triggerdef(oid) AS def
      FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`);
  const functions = await ds.query(`
    SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def FROM pg_proc p
      WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1`);
  const text = <T extends Record<string, unknown>>(rows: T[]) =>
    rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? normalize(v) : v])));
  return {
    columns: text(columns),
    indexes: text(indexes),
    constraints: text(constraints),
    triggers: text(triggers),
    functions: text(functions),
  };
}

describe(`schema after migrating (${process.env.TEST_DATABASE_KIND} database)`, () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  afterAll(() => ds.destroy());

  it('matches the committed snapshot: indexes, constraints, triggers, columns', async () => {
    const live = await liveSchema(ds);
    if (process.env.UPDATE_SCHEMA_SNAPSHOT === '1') writeFileSync(SNAPSHOT, `${JSON.stringify(live, null, 2)}\n`);
    expect(existsSync(SNAPSHOT)).toBe(true);
    expect(live).toEqual(JSON.parse(readFileSync(SNAPSHOT, 'utf8')));
  });

  it('holds the partial unique indexes the rules depend on', async () => {
    const { indexes } = await liveSchema(ds);
    const def = (name: string) => (indexes.find((i) => i.name === name) as { def?: string } | undefined)?.def;
    expect(def('brandnames_label_live_key')).toMatch(/UNIQUE INDEX .* \(label_key\) WHERE .*pending.*active.*suspended/);
    expect(def('caller_numbers_e164_live_key')).toMatch(/UNIQUE INDEX .* \(e164\) WHERE .*active.*suspended/);
    expect(def('caller_numbers_claim_key')).toMatch(/UNIQUE INDEX .* \(organization_id, e164\) WHERE/);
    expect(def('users_username_key')).toMatch(/UNIQUE INDEX .* \(lower\(\(username\)::text\)\)/);
    // One pending change and one pending reinstatement per item.
    expect(def('revisions_pending_key')).toMatch(/UNIQUE INDEX .* \(entity_type, entity_id, kind\) WHERE .*pending/);
  });

  it("filters its partial indexes by exactly the domain's status sets, which the repositories query with", async () => {
    const { indexes } = await liveSchema(ds);
    const statusesOf = (name: string) => {
      const def = (indexes.find((i) => i.name === name) as { def?: string } | undefined)?.def ?? '';
      const where = def.slice(def.indexOf(' WHERE '));
      return [...where.matchAll(/'(\w+)'::/g)].map((m) => m[1]).sort();
    };
    const sorted = (statuses: readonly string[]) => [...statuses].sort();
    expect(statusesOf('caller_numbers_e164_live_key')).toEqual(sorted(LIVE_STATUSES));
    expect(statusesOf('caller_numbers_claim_key')).toEqual(sorted(CLAIM_STATUSES));
    expect(statusesOf('brandnames_label_live_key')).toEqual(sorted(CLAIM_STATUSES));
    expect(statusesOf('revisions_pending_key')).toEqual([PENDING_REVISION_STATUS]);
    expect(statusesOf('number_holdings_carrier_pending_idx')).toEqual([PENDING_HOLDING_STATUS]);
    expect(statusesOf('reorganizations_due_idx')).toEqual([SCHEDULED_REORGANIZATION_STATUS]);
  });

  it('keeps the facts the four-eyes decision reads append-only', async () => {
    const { triggers } = await liveSchema(ds);
    const names = triggers.map((t) => (t as { name: string }).name);
    for (const table of ['account_controls', 'registry_bootstrap']) {
      expect(names).toEqual(expect.arrayContaining([`${table}_no_update_delete`, `${table}_no_truncate`]));
    }
  });
});
