/**
 * Whether an error says the database cannot be reached or did not answer in time ("retry later": 503
 * DATABASE_UNAVAILABLE), as opposed to a query the database answered with an error (a unique violation, bad SQL:
 * those keep their own handling). Looks through TypeORM's QueryFailedError (driverError), `cause` chains and
 * Node's AggregateError (a refused connection tried over IPv4 and IPv6).
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  return someCause(err, (e) => {
    const code = typeof e.code === 'string' ? e.code : undefined;
    if (code && (SOCKET_CODES.has(code) || code.startsWith('08') || SQLSTATES.has(code))) return true;
    return typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string));
  });
}

/** Seconds a client is asked to wait (Retry-After) after DATABASE_UNAVAILABLE. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// Node's socket errors, and the bounded client's timeout (libs/database bounded-client.ts).
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'QUERY_TIMEOUT',
]);

// Besides class 08 (connection exception): the server going away or refusing sessions, and its own time bounds.
const SQLSTATES = new Set([
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, in recovery)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '57014', // query_canceled: statement_timeout
  '25P03', // idle_in_transaction_session_timeout
]);

// pg and pg-pool raise these without a code.
const MESSAGES = [
  /^Connection terminated/, // unexpectedly, or due to connection timeout
  /^timeout exceeded when trying to connect$/, // pg-pool: no connection within DB_CONNECT_TIMEOUT_MS
  /^Query read timeout/,
  /is not queryable$/, // a client whose connection already failed
  /^Cannot use a pool after calling end on the pool$/, // shutting down
];

type ErrorLike = { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; errors?: unknown };

function someCause(err: unknown, test: (e: ErrorLike) => boolean, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const e = err as ErrorLike;
  if (test(e)) return true;
  const inner = [e.driverError, e.cause, ...(Array.isArray(e.errors) ? e.errors : [])];
  return inner.some((i) => i !== err && someCause(i, test, depth + 1));
}
