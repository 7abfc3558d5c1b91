import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Client } from 'pg';

/**
 * Keeps the embedded database's write-ahead log in bounds. PGlite is PostgreSQL in single-user mode: it has no
 * checkpointer, and does not checkpoint when max_wal_size is passed, so pg_wal grew without end (issue 30: 737 MB
 * after 66 uploads of 10 MB; measured here: 448 MB after 40, and still 448 MB after a CHECKPOINT, because with the
 * default max_wal_size of 1 GB every old segment is kept for reuse). So: a small max_wal_size (what a checkpoint
 * keeps), and the owner runs CHECKPOINT itself once pg_wal passes WAL_CHECKPOINT_AT_BYTES, checking every
 * second (a readdir of a few files). Measured: 40 uploads of 10 MB, pg_wal at most 144 MB, 64 MB after.
 */
export const EMBEDDED_WAL_SETTINGS = ['max_wal_size = 64MB', 'min_wal_size = 32MB'];

const WAL_CHECKPOINT_AT_BYTES = 128 * 1024 * 1024;
const CHECK_EVERY_MS = 1_000;
const SEGMENT = /^[0-9A-F]{24}$/;

/** The bytes of pg_wal's segment files. */
export async function walBytes(pgdata: string): Promise<number> {
  const dir = join(pgdata, 'pg_wal');
  let total = 0;
  for (const name of await readdir(dir)) {
    if (SEGMENT.test(name)) total += (await stat(join(dir, name)).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

/**
 * Starts the watch; `stop` ends it (before the server closes). The CHECKPOINT goes through the socket, as any
 * client's statement does, so the session queue runs it between other connections' transactions, never inside one.
 */
export function keepWalBounded(pgdata: string, socketPath: string, log: (message: string) => void): { stop(): Promise<void> } {
  // The socket is <dir>/.s.PGSQL.<port>, as the pg driver finds it from a host directory and a port.
  const connection = {
    host: dirname(socketPath),
    port: Number(basename(socketPath).split('.').pop()),
    user: 'postgres',
    database: 'postgres',
  };
  let running: Promise<void> | null = null;
  const check = async () => {
    const before = await walBytes(pgdata);
    if (before < WAL_CHECKPOINT_AT_BYTES) return;
    const client = new Client(connection);
    try {
      await client.connect();
      await client.query('CHECKPOINT');
    } finally {
      await client.end().catch(() => undefined);
    }
    log(`Embedded PostgreSQL: pg_wal was ${mb(before)} MB, ${mb(await walBytes(pgdata))} MB after a checkpoint`);
  };
  const timer = setInterval(() => {
    if (running) return;
    running = check()
      .catch((err: Error) => log(`Embedded PostgreSQL: checkpoint failed: ${err.message}`))
      .finally(() => (running = null));
  }, CHECK_EVERY_MS);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}

function mb(bytes: number): number {
  return Math.round(bytes / 1024 / 1024);
}
