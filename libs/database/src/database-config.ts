import type { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** How long a request waits for a connection; the embedded database serves one session at a time, so longer. */
  connectTimeoutMs?: number;
  applicationName?: string;
  logging?: boolean;
}

/** TypeORM options shared by both services, the CLI and the tests. `synchronize` stays off: migrations only. */
export function buildDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // Query errors are thrown and mapped (a unique violation is an answer, not a log line).
    logging: settings.logging ? ['error', 'warn', 'migration'] : false,
    applicationName: settings.applicationName,
    extra: {
      max: settings.poolSize ?? 10,
      connectionTimeoutMillis: settings.connectTimeoutMs ?? 5_000,
      // A connection that breaks while idle must not crash the process (lookups keep serving).
      idleTimeoutMillis: 30_000,
    },
  };
}
