import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import * as lockfile from 'proper-lockfile';
import { EMBEDDED_WAL_SETTINGS, keepWalBounded } from './embedded-wal';
import { useSessionQueue } from './pglite-session-queue';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is set.
 *
 * PGlite is one in-process database that two processes must never open at once, so the data directory
 * carries a lock. The process that takes it owns PGlite and serves it on a private unix socket; another
 * process (the second service under `npm start`) finds the lock taken and connects to that socket.
 * Everyone talks to it through the ordinary `pg` driver, so the SQL path is the same as on a real server.
 */
export interface EmbeddedDatabase {
  url: string;
  owner: boolean;
  close(): Promise<void>;
}

const SOCKET_PORT = 5432;

export async function openEmbeddedDatabase(
  dataDir: string,
  log: (message: string) => void,
  timeoutMs = 120_000,
): Promise<EmbeddedDatabase> {
  const root = resolve(dataDir);
  const runDir = join(root, 'run');
  mkdirSync(runDir, { recursive: true });
  const socketPath = join(runDir, `.s.PGSQL.${SOCKET_PORT}`);
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(runDir)}&port=${SOCKET_PORT}`;
  const deadline = Date.now() + timeoutMs;

  // Either we take the lock and serve, or the owner's socket answers; a crashed owner's lock goes stale.
  for (;;) {
    const release = await tryLock(root);
    if (release) return serve(root, socketPath, url, release, log);
    if (await socketAnswers(socketPath)) {
      log(`Embedded PostgreSQL is served by another process; connecting to ${socketPath}`);
      return { url, owner: false, close: async () => undefined };
    }
    if (Date.now() > deadline) {
      throw new Error(`Embedded PostgreSQL at ${root} is locked by another process that does not answer`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function tryLock(root: string): Promise<(() => Promise<void>) | null> {
  try {
    return await lockfile.lock(root, {
      lockfilePath: join(root, 'pglite.lock'),
      stale: 10_000,
      update: 2_000,
      realpath: false,
      onCompromised: (err) => {
        // Another process took the data directory: continuing would corrupt it.
        console.error(`Embedded PostgreSQL lock compromised: ${err.message}`);
        process.exit(70);
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw err;
  }
}

function socketAnswers(path: string): Promise<boolean> {
  if (!existsSync(path)) return Promise.resolve(false);
  return new Promise((done) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function serve(
  root: string,
  socketPath: string,
  url: string,
  release: () => Promise<void>,
  log: (message: string) => void,
): Promise<EmbeddedDatabase> {
  // PGlite ships as ESM; load it with a real dynamic import even from CommonJS output.
  const importEsm = new Function('s', 'return import(s)') as <T>(s: string) => Promise<T>;
  const { PGlite } = await importEsm<typeof import('@electric-sql/pglite')>('@electric-sql/pglite');
  const { PGLiteSocketServer } = await importEsm<typeof import('@electric-sql/pglite-socket')>('@electric-sql/pglite-socket');
  const started = Date.now();
  const db = await PGlite.create({
    dataDir: join(root, 'pgdata'),
    // A small buffer pool keeps the resident size of the WASM heap down (measured: 293 MB -> 165 MB warm).
    postgresqlconf: ['shared_buffers = 16MB', ...EMBEDDED_WAL_SETTINGS],
  });
  rmSync(socketPath, { force: true }); // a stale socket left by a crashed owner (we hold the lock)
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 100 });
  useSessionQueue(server, db);
  await server.start();
  const wal = keepWalBounded(join(root, 'pgdata'), url, log);
  log(`Embedded PostgreSQL (PGlite) ready at ${root} in ${Date.now() - started} ms`);
  let closed = false;
  return {
    url,
    owner: true,
    close: async () => {
      if (closed) return;
      closed = true;
      await wal.stop();
      await server.stop();
      await db.close();
      rmSync(socketPath, { force: true });
      await release();
    },
  };
}
