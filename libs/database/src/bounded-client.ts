import type { Socket } from 'node:net';
import { Client, ClientConfig } from 'pg';
import type { EntityManager, QueryRunner } from 'typeorm';

/**
 * How long this process waits on the database. The client bounds hold on their own (a black-holed network, a
 * server that does not answer); the server bounds (PostgreSQL's statement_timeout and
 * idle_in_transaction_session_timeout) let a live server cancel first, answering an error on a connection that
 * stays usable. PGlite ignores statement_timeout and loses protocol sync on idle_in_transaction_session_timeout,
 * so on the embedded database only the client bounds apply (`serverTimeouts: false`).
 */
export interface DatabaseBounds {
  /** One query's answer, as any request waits for it. */
  queryTimeoutMs: number;
  /** One query's answer inside a bulk transaction (a CSV import, the lookup's index load, a snapshot export, migrations). */
  bulkQueryTimeoutMs: number;
  /** The server's statement_timeout: below the client's, so a live server cancels first. */
  statementTimeoutMs: number;
  bulkStatementTimeoutMs: number;
  /** The server ends a session left idle inside a transaction this long (a stuck caller's locks are freed). */
  idleInTransactionTimeoutMs: number;
  serverTimeouts: boolean;
}

export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_BULK_QUERY_TIMEOUT_MS = 300_000;
export const DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

/** The server cancels a statement at this share of the client's bound, leaving the rest for the answer to arrive. */
export function statementTimeoutFor(queryTimeoutMs: number): number {
  return Math.floor(queryTimeoutMs * 0.8);
}

export function databaseBounds(settings: Partial<DatabaseBounds> = {}): DatabaseBounds {
  const queryTimeoutMs = settings.queryTimeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
  const bulkQueryTimeoutMs = Math.max(queryTimeoutMs, settings.bulkQueryTimeoutMs ?? DEFAULT_BULK_QUERY_TIMEOUT_MS);
  return {
    queryTimeoutMs,
    bulkQueryTimeoutMs,
    statementTimeoutMs: settings.statementTimeoutMs ?? statementTimeoutFor(queryTimeoutMs),
    bulkStatementTimeoutMs: settings.bulkStatementTimeoutMs ?? statementTimeoutFor(bulkQueryTimeoutMs),
    idleInTransactionTimeoutMs: settings.idleInTransactionTimeoutMs ?? DEFAULT_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    serverTimeouts: settings.serverTimeouts ?? true,
  };
}

/** A query the database did not answer in time. Its connection is closed: the peer may be gone for good. */
export class QueryTimeoutError extends Error {
  readonly code = 'QUERY_TIMEOUT';

  constructor(ms: number) {
    super(`Query read timeout: no answer from the database within ${ms} ms`);
    this.name = 'QueryTimeoutError';
  }
}

// TypeORM ends a transaction with exactly these; savepoints ("ROLLBACK TO SAVEPOINT …") do not end it.
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*;?\s*$/i;

/**
 * pg's Client with a bound on every query. pg's own query_timeout only abandons the query: the connection stays
 * busy with it, so the transaction's ROLLBACK and the next borrower of the pooled connection wait behind it again.
 * This one destroys the socket instead; every query on it fails at once and the pool drops it.
 * Pools get it as their `Client` (pg-pool passes the pool's options, `bounds` included, to each client).
 */
export class BoundedClient extends Client {
  readonly bounds: DatabaseBounds;
  /** Whether the server applies statement_timeout and idle_in_transaction_session_timeout (see recognizeServer). */
  serverTimeouts: boolean;
  private bulk: 'transaction' | 'session' | null = null;

  constructor(config: ClientConfig & { bounds?: DatabaseBounds } = {}) {
    const bounds = config.bounds ?? databaseBounds();
    super(
      bounds.serverTimeouts
        ? {
            ...config,
            statement_timeout: bounds.statementTimeoutMs,
            idle_in_transaction_session_timeout: bounds.idleInTransactionTimeoutMs,
          }
        : config,
    );
    this.bounds = bounds;
    this.serverTimeouts = bounds.serverTimeouts;
  }

  /**
   * A server URL may still lead to PGlite (the test runs' databases, or a PGlite socket given as DATABASE_URL): it
   * ignores the startup's timeouts, and must not be given an idle-in-transaction one. pg-pool's onConnect hook.
   */
  static async recognizeServer(client: unknown): Promise<void> {
    if (!(client instanceof BoundedClient) || !client.serverTimeouts) return;
    const [row] = (await client.query('SELECT version() AS v')).rows as Array<{ v: string }>;
    if (/PGlite/i.test(row?.v ?? '')) client.serverTimeouts = false;
  }

  /** Bulk bounds for the rest of the current transaction (until its COMMIT or ROLLBACK), or the session (until `endBulk()`). */
  startBulk(scope: 'transaction' | 'session'): void {
    this.bulk = scope;
  }

  endBulk(): void {
    this.bulk = null;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's query() has many overloads; all pass through
  override query(...args: any[]): any {
    const ms = this.bulk ? this.bounds.bulkQueryTimeoutMs : this.bounds.queryTimeoutMs;
    const text: unknown = typeof args[0] === 'string' ? args[0] : args[0]?.text;
    // The COMMIT itself keeps the bulk bound; the next query has the default again.
    if (this.bulk === 'transaction' && typeof text === 'string' && ENDS_TRANSACTION.test(text)) this.bulk = null;
    // Submittables (cursors, streams) answer over many round trips: not bounded here (none is used on a request).
    if (typeof args[0]?.submit === 'function') return super.query(...(args as Parameters<Client['query']>));
    const timer = setTimeout(() => this.abandon(ms), ms);
    // The query's socket keeps the process up while it waits; the bound alone must not (a 5-minute bulk bound would
    // hold a stopping process, or a test worker, that long).
    timer.unref();
    const done = () => clearTimeout(timer);
    const callbackAt = args.findIndex((a) => typeof a === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (err: unknown, res: unknown) => void;
      args[callbackAt] = (err: unknown, res: unknown) => {
        done();
        callback(err, res);
      };
    }
    const result = super.query(...(args as Parameters<Client['query']>)) as unknown;
    if (result && typeof (result as Promise<unknown>).then === 'function') (result as Promise<unknown>).then(done, done);
    return result;
  }

  private abandon(ms: number): void {
    const stream = (this as unknown as { connection?: { stream?: Socket } }).connection?.stream;
    stream?.destroy(new QueryTimeoutError(ms));
  }
}

function boundedClientOf(runner: QueryRunner | undefined): BoundedClient | null {
  const client = (runner as { databaseConnection?: unknown } | undefined)?.databaseConnection;
  return client instanceof BoundedClient ? client : null;
}

/**
 * The bulk bounds for the rest of `em`'s transaction, client and server side (SET LOCAL ends with the
 * transaction, as the client's does): for work that legitimately runs long, one use at a time.
 */
export async function useBulkBounds(em: EntityManager): Promise<void> {
  const runner = em.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('useBulkBounds needs a transaction');
  await runner.connect();
  const client = boundedClientOf(runner);
  if (!client) return;
  client.startBulk('transaction');
  await setServerBounds(runner, client, true);
}

/** `fn` on `runner`'s connection with the bulk bounds, session-wide (migrations: a lock wait, then their one transaction). */
export async function withBulkBounds<T>(runner: QueryRunner, fn: () => Promise<T>): Promise<T> {
  await runner.connect();
  const client = boundedClientOf(runner);
  if (!client) return fn();
  client.startBulk('session');
  await setServerBounds(runner, client, false);
  try {
    return await fn();
  } finally {
    client.endBulk();
    if (client.serverTimeouts)
      await runner.query('RESET statement_timeout; RESET idle_in_transaction_session_timeout').catch(() => undefined);
  }
}

// A bulk transaction may also spend long between its statements (checking 200,000 CSV rows): idle in it as long.
async function setServerBounds(runner: QueryRunner, client: BoundedClient, local: boolean): Promise<void> {
  if (!client.serverTimeouts) return;
  await runner.query(`SELECT set_config('statement_timeout', $1, $3), set_config('idle_in_transaction_session_timeout', $2, $3)`, [
    String(client.bounds.bulkStatementTimeoutMs),
    String(client.bounds.bulkQueryTimeoutMs),
    local,
  ]);
}
