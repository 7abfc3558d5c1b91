import { MigrationExecutor } from 'typeorm';
import type { DataSource } from 'typeorm';
import { withBulkBounds } from './bounded-client';

// Arbitrary constant shared by every process that may migrate this database.
const MIGRATION_LOCK_KEY = 7_428_101;

/**
 * Runs pending migrations under a PostgreSQL advisory lock so that several instances starting at once
 * migrate the database exactly once. Returns the names of the migrations applied.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    // On this runner's connection, with the bulk bounds: the lock may wait for another instance's migrations.
    const applied = await withBulkBounds(runner, async () => {
      await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
      const executor = new MigrationExecutor(dataSource, runner);
      executor.transaction = 'all';
      return executor.executePendingMigrations();
    });
    return applied.map((m) => m.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/** Waits until another process has applied every migration this build knows of. */
export async function waitForMigrations(dataSource: DataSource, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await hasPendingMigrations(dataSource)) {
    if (Date.now() > deadline) throw new Error('Timed out waiting for database migrations to be applied');
    await new Promise((r) => setTimeout(r, 250));
  }
}

export async function hasPendingMigrations(dataSource: DataSource): Promise<boolean> {
  const known = dataSource.migrations.map((m) => m.name ?? m.constructor.name);
  const table = dataSource.options.migrationsTableName ?? 'migrations';
  const exists = await dataSource.query(`SELECT to_regclass($1) AS t`, [table]);
  if (!exists[0]?.t) return known.length > 0;
  const rows: Array<{ name: string }> = await dataSource.query(`SELECT name FROM ${table}`);
  const applied = new Set(rows.map((r) => r.name));
  return known.some((name) => !applied.has(name));
}
