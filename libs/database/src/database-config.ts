import type { DataSourceOptions } from 'typeorm';
import { BoundedClient, databaseBounds, DatabaseBounds } from './bounded-client';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export interface DatabaseSettings {
  url: string;
  poolSize?: number;
  /** How long a request waits for a connection (a free one from the pool, or a new one to connect). */
  connectTimeoutMs?: number;
  /** How long each query may wait for its answer, and the server's own timeouts (see DatabaseBounds). */
  bounds?: Partial<DatabaseBounds>;
  /** TCP keepalive's first probe on an idle connection, so a silently dead peer is found without a query. */
  keepAliveDelayMs?: number;
  applicationName?: string;
  logging?: boolean;
}

const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
const DEFAULT_KEEPALIVE_DELAY_MS = 10_000;

/**
 * The pg-pool options every pool of ours shares (TypeORM's, and PrimaryDatabase's own): the bounds on each wait,
 * TCP keepalive. pg-pool hands them to each client, so every pooled connection is a BoundedClient.
 */
export function poolOptions(settings: Omit<DatabaseSettings, 'url'>) {
  return {
    connectionTimeoutMillis: settings.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    Client: BoundedClient,
    bounds: databaseBounds(settings.bounds),
    onConnect: BoundedClient.recognizeServer,
    keepAlive: true,
    keepAliveInitialDelayMillis: settings.keepAliveDelayMs ?? DEFAULT_KEEPALIVE_DELAY_MS,
    // A connection that breaks while idle must not crash the process (lookups keep serving).
    idleTimeoutMillis: 30_000,
  };
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
    extra: { max: settings.poolSize ?? 10, ...poolOptions(settings) },
  };
}
