import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/database-config';
import { PROTECTED_NAMES_SEED_2025 } from '../../libs/domain/src/protected-names/seed-2025';

export function testDataSource(): Promise<DataSource> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is set by test/support/global-setup.ts');
  return new DataSource(buildDataSourceOptions({ url, poolSize: 4 })).initialize();
}

const TABLES = [
  'caller_numbers',
  'brandnames',
  'users',
  'carrier_api_keys',
  'carriers',
  'organizations',
  'audit_events',
  'registry_changes',
  'published_numbers',
  'reorganizations',
  'branded_answer_counts',
  'carrier_sync_positions',
  'signing_keys',
  'snapshot_signatures',
  'number_holdings',
  'documents',
  'applications',
  'invitations',
  'revisions',
  'account_controls',
  'registry_bootstrap',
  'second_factors',
  'sign_in_throttles',
  'lookup_presence',
  'protected_name_proposals',
  'published_protected_names',
  'protected_names',
];

/**
 * Clean data for a test file. The audit table refuses TRUNCATE by trigger; test set-up, like a database
 * superuser, may bypass triggers for its own transaction (SET LOCAL keeps it off other sessions).
 */
export async function resetDatabase(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (em) => {
    await em.query(`SET LOCAL session_replication_role = replica`);
    await em.query(`TRUNCATE ${TABLES.join(', ')} CASCADE`);
    await em.query(`UPDATE registry_state SET version = 0, retained_from = 0 WHERE id = 1`);
    // The protected names as the migration installs them, not yet published: the registry publishes them at its
    // start, signed with this test's key (names another test published would be signed with another's).
    for (const seed of PROTECTED_NAMES_SEED_2025) {
      await em.query(`INSERT INTO protected_names (term, spellings, kinds, source, status) VALUES ($1, $2, $3, $4, 'active')`, [
        seed.term,
        JSON.stringify(seed.spellings),
        JSON.stringify(seed.kinds),
        seed.source,
      ]);
    }
  });
}
