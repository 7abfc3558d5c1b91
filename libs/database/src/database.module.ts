import { Global, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@app/platform/config/app-config';
import { buildDataSourceOptions, DatabaseSettings } from './database-config';
import { EmbeddedDatabase, openEmbeddedDatabase } from './embedded-postgres';
import { runMigrations, waitForMigrations } from './migrations-runner';
import { PrimaryDatabase } from './primary-database';
import { isInRecovery } from './recovery';

/** Where the database is: a server from DATABASE_URL, or the embedded PGlite this process owns or joins. */
export class DatabaseConnection {
  constructor(
    readonly url: string,
    readonly embedded: EmbeddedDatabase | null,
  ) {}

  get mode(): 'server' | 'embedded' {
    return this.embedded ? 'embedded' : 'server';
  }
}

/** Which service this process runs (named in the embedded database's owner file, for messages naming the holder). */
function serviceName(): string {
  return /apps[\\/](\w+)[\\/]/.exec(process.argv[1] ?? '')?.[1] ?? 'process';
}

/** Resolves once migrations are applied (or, for the embedded database's second process, seen applied). */
export const SCHEMA_READY = 'SCHEMA_READY';

@Injectable()
class EmbeddedDatabaseCloser implements OnApplicationShutdown {
  constructor(
    private readonly connection: DatabaseConnection,
    private readonly dataSource: DataSource,
  ) {}

  // Runs on SIGTERM too: close the pool first, then the embedded server it talks to.
  async onApplicationShutdown(): Promise<void> {
    if (!this.connection.embedded) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy().catch(() => undefined);
    await this.connection.embedded.close();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: DatabaseConnection,
      inject: [AppConfig],
      useFactory: async (config: AppConfig) => {
        const url = config.readDatabaseUrl;
        if (url) return new DatabaseConnection(url, null);
        const logger = new Logger('Database');
        const embedded = await openEmbeddedDatabase(
          config.DATA_DIR,
          (m) => logger.log(m),
          config.EMBEDDED_DB_WAIT_SECONDS * 1000,
          serviceName(),
        );
        return new DatabaseConnection(embedded.url, embedded);
      },
    },
  ],
  exports: [DatabaseConnection],
})
class DatabaseConnectionModule {}

/** The primary for the few writes of a service that reads a standby (the same pool when it reads the primary). */
const primaryDatabaseProvider = {
  provide: PrimaryDatabase,
  inject: [AppConfig, DatabaseConnection, DataSource],
  useFactory: (config: AppConfig, connection: DatabaseConnection, dataSource: DataSource) =>
    config.DATABASE_URL && config.DATABASE_URL !== connection.url
      ? PrimaryDatabase.separate(config.DATABASE_URL, boundsOf(config, false))
      : PrimaryDatabase.same(dataSource),
};

/** The waits on the database, from the settings (README, Operations: "Bounded waits"). */
function boundsOf(config: AppConfig, embedded: boolean): Omit<DatabaseSettings, 'url'> {
  return {
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    keepAliveDelayMs: config.DB_KEEPALIVE_DELAY_MS,
    bounds: {
      queryTimeoutMs: config.DB_QUERY_TIMEOUT_MS,
      bulkQueryTimeoutMs: config.DB_BULK_QUERY_TIMEOUT_MS,
      idleInTransactionTimeoutMs: config.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
      // PGlite ignores statement_timeout and loses protocol sync on idle_in_transaction_session_timeout.
      serverTimeouts: !embedded,
    },
  };
}

/**
 * TypeORM on PostgreSQL for both services. Migrations run at start-up unless DB_MIGRATIONS_RUN=false;
 * on the embedded database only its owner migrates and the other process waits for it.
 */
@Global()
@Module({
  imports: [
    DatabaseConnectionModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfig, DatabaseConnection],
      useFactory: (config: AppConfig, connection: DatabaseConnection) =>
        buildDataSourceOptions({
          url: connection.url,
          poolSize: config.DB_POOL_SIZE,
          ...boundsOf(config, connection.embedded !== null),
          applicationName: process.env.npm_package_name,
        }),
      dataSourceFactory: async (options) => new DataSource(options!).initialize(),
    }),
  ],
  providers: [
    EmbeddedDatabaseCloser,
    primaryDatabaseProvider,
    {
      provide: SCHEMA_READY,
      inject: [AppConfig, DatabaseConnection, DataSource],
      useFactory: async (config: AppConfig, connection: DatabaseConnection, dataSource: DataSource) => {
        const logger = new Logger('Database');
        // A hot standby is read-only: its schema arrives from the primary, where the registry migrates.
        const standby = !connection.embedded && (await isInRecovery(dataSource));
        const mayMigrate = connection.embedded ? connection.embedded.owner : !standby;
        if (config.DB_MIGRATIONS_RUN && mayMigrate) {
          const applied = await runMigrations(dataSource);
          if (applied.length) logger.log(`Applied migrations: ${applied.join(', ')}`);
        } else if (connection.embedded || standby) {
          await waitForMigrations(dataSource);
        }
        logger.log(`Database ready (${connection.mode}${standby ? ', hot standby' : ''})`);
        return true;
      },
    },
  ],
  exports: [DatabaseConnectionModule, TypeOrmModule, SCHEMA_READY, PrimaryDatabase],
})
export class DatabaseModule {}
