import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/database-config';
import { runMigrations } from '../../libs/database/src/migrations-runner';
import { useSessionQueue } from '../../libs/database/src/pglite-session-queue';
import { createShardDatabase } from './shard-database';

/**
 * One database for the whole e2e run, migrated once (parallel migrating collided in practice).
 * With DATABASE_URL set (CI's second pass), that server is used; otherwise an in-memory embedded
 * PostgreSQL is served on a loopback port. It runs here, in plain Node, because PGlite's dynamic import
 * fails inside jest's module VM.
 */
export default async function globalSetup(): Promise<void> {
  // Files the services write (signing keys under DATA_DIR) are this run's own: shards run side by side.
  if (!process.env.E2E_KEEP_DATA_DIR) {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-e2e-data-'));
    process.env.DATA_DIR = dataDir;
    (globalThis as Record<string, unknown>).__E2E_DATA_DIR__ = dataDir;
  }
  if (!process.env.DATABASE_URL) {
    const importEsm = new Function('s', 'return import(s)') as <T>(s: string) => Promise<T>;
    const { PGlite } = await importEsm<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
    const { PGLiteSocketServer } = await importEsm<typeof import('@electric-sql/pglite-socket')>('@electric-sql/pglite-socket');
    const db = await PGlite.create({ postgresqlconf: ['shared_buffers = 16MB'] });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
    useSessionQueue(server, db);
    await server.start();
    const address = server.getServerConn();
    (globalThis as Record<string, unknown>).__EMBEDDED_PG__ = { db, server };
    process.env.DATABASE_URL = `postgresql://postgres@${address}/postgres`;
    process.env.TEST_DATABASE_KIND = 'embedded';
    // One session at a time, as in production's embedded mode (which waits 60 s by default too).
    process.env.DB_CONNECT_TIMEOUT_MS = process.env.DB_CONNECT_TIMEOUT_MS ?? '60000';
  } else {
    process.env.TEST_DATABASE_KIND = 'server';
    // A shard of a parallel run (test/support/run-e2e.js) gets a database of its own on the server.
    if (process.env.E2E_SHARD) process.env.DATABASE_URL = await createShardDatabase(process.env.DATABASE_URL, process.env.E2E_SHARD);
  }
  process.env.DB_MIGRATIONS_RUN = 'false';
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
  const dataSource = await new DataSource(buildDataSourceOptions({ url: process.env.DATABASE_URL })).initialize();
  try {
    await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
