import { Pool, PoolConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { DatabaseSettings, poolOptions } from './database-config';

/**
 * Writes that must reach the primary while the service reads elsewhere (a lookup on a standby). A separate pool is
 * small and connects on first use, so a primary that is down at start-up never delays the service; a caller decides
 * what a failed write costs (the lookup logs and drops it, never failing a request).
 */
export class PrimaryDatabase {
  private constructor(
    private readonly run: (sql: string, params?: unknown[]) => Promise<unknown[]>,
    private readonly close: () => Promise<void>,
    readonly separate: boolean,
  ) {}

  static same(dataSource: DataSource): PrimaryDatabase {
    return new PrimaryDatabase(
      (sql, params) => dataSource.query(sql, params),
      async () => undefined,
      false,
    );
  }

  /** The same bounds as the service's own pool (`settings`, without its url and size). */
  static separate(url: string, settings: Omit<DatabaseSettings, 'url'> = {}): PrimaryDatabase {
    const pool = new Pool({ connectionString: url, max: 2, ...poolOptions(settings) } as PoolConfig);
    // An idle client's error (the primary restarting) must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return new PrimaryDatabase(
      async (sql, params) => (await pool.query(sql, params)).rows,
      () => pool.end(),
      true,
    );
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows are shaped by each caller's SQL
  query(sql: string, params?: unknown[]): Promise<any[]> {
    return this.run(sql, params);
  }

  end(): Promise<void> {
    return this.close();
  }
}
