import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/database-config';

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
  });
}
