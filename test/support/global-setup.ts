import type { Config } from '@jest/types';
import { startTestDatabases, TEST_DATABASES_ENV } from './test-databases';

/**
 * The databases of the medium and e2e tiers, migrated once per run (see test-databases.ts): the medium tier's
 * own, and one per jest worker. With DATABASE_URL set (CI's second pass) they are databases on that server;
 * otherwise embedded PostgreSQL (PGlite) processes on loopback ports. Which one a test file uses is set by
 * test/support/database-environment.js from its tier and its worker.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  const serverUrl = process.env.DATABASE_URL || undefined;
  const workers = Math.max(1, Number(globalConfig.maxWorkers) || 1);
  const databases = await startTestDatabases(workers, serverUrl);
  process.env[TEST_DATABASES_ENV] = JSON.stringify(databases);
  process.env.TEST_DATABASE_KIND = databases.kind;
  // Until a test environment picks one (a suite that reads it first gets worker 1's).
  process.env.DATABASE_URL = databases.workers[0];
  if (databases.kind === 'embedded') {
    // One session at a time, as in production's embedded mode (which waits 60 s by default too).
    process.env.DB_CONNECT_TIMEOUT_MS = process.env.DB_CONNECT_TIMEOUT_MS ?? '60000';
  }
  process.env.DB_MIGRATIONS_RUN = 'false';
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
}
