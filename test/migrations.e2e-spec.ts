import { DataSource } from 'typeorm';
import { hasPendingMigrations, runMigrations } from '../libs/database/src/migrations-runner';
import { testDataSource } from './support/database';

const TABLES = [
  'organizations',
  'brandnames',
  'caller_numbers',
  'carriers',
  'carrier_api_keys',
  'users',
  'audit_events',
  'registry_changes',
  'published_numbers',
  'registry_state',
];

async function existingTables(ds: DataSource): Promise<string[]> {
  const rows: Array<{ t: string | null }> = await ds.query(`SELECT to_regclass(name) AS t FROM unnest($1::text[]) AS name`, [TABLES]);
  return rows.map((r) => r.t).filter((t): t is string => t !== null);
}

describe(`migrations round trip (${process.env.TEST_DATABASE_KIND} database)`, () => {
  let ds: DataSource;
  beforeAll(async () => {
    ds = await testDataSource();
  });
  afterAll(() => ds.destroy());

  it('goes up, down and up again, leaving the schema complete', async () => {
    expect(await hasPendingMigrations(ds)).toBe(false);
    expect(await existingTables(ds)).toHaveLength(TABLES.length);

    for (let i = 0; i < ds.migrations.length; i++) await ds.undoLastMigration({ transaction: 'all' });
    expect(await existingTables(ds)).toEqual([]);
    expect(await hasPendingMigrations(ds)).toBe(true);

    const applied = await runMigrations(ds);
    expect(applied).toEqual(ds.migrations.map((m) => m.name));
    expect(await existingTables(ds)).toHaveLength(TABLES.length);
    expect(await hasPendingMigrations(ds)).toBe(false);
  });
});
