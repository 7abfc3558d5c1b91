import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { connects, describeHolder, DirectoryLock, watchHolder } from './embedded-lock';
import { EMBEDDED_WAL_SETTINGS, keepWalBounded } from './embedded-wal';
import { useSessionQueue } from './pglite-session-queue';

/**
 * The embedded PostgreSQL (PGlite) used when no DATABASE_URL is set.
 *
 * PGlite is one in-process database that two processes must never open at once. The process that takes the data
 * directory's lock (a kernel-held one: see embedded-lock.ts) owns PGlite and serves it on a private unix socket;
 * the other (the second service under `npm start`) connects to that socket. Everyone talks to it through the
 * ordinary `pg` driver, so the SQL path is the same as on a real server, and the URL never changes.
 *
 * When the owner dies or stops, the other process learns it from the kernel at once and takes over: it opens the
 * data directory itself and serves the same socket, so its pool reconnects by itself and neither service waits for
 * the one that went away to come back (it comes back as the non-owner).
 */
export interface EmbeddedDatabase {
  url: string;
  /** Whether this process serves the database now (it changes when this process takes over). */
  readonly owner: boolean;
  /** Called each time this process takes over from an owner that went away. */
  onTakeover(listener: () => void): void;
  close(): Promise<void>;
}

/** The data directory is held by a process that does not serve it: nothing to join, nothing to take over. */
export class EmbeddedDatabaseBusyError extends Error {
  /** Exit code for the services (EX_TEMPFAIL: try again once the other process is gone). */
  readonly exitCode = 75;
}

const SOCKET_PORT = 5432;

export async function openEmbeddedDatabase(
  dataDir: string,
  log: (message: string) => void,
  timeoutMs = 120_000,
  service = 'service',
): Promise<EmbeddedDatabase> {
  mkdirSync(join(dataDir, 'run'), { recursive: true });
  // The lock is named after the directory: the same one however a process spells its path.
  const root = realpathSync(dataDir);
  const runDir = join(root, 'run');
  const socketPath = join(runDir, `.s.PGSQL.${SOCKET_PORT}`);
  const url = `postgresql://postgres@localhost/postgres?host=${encodeURIComponent(runDir)}&port=${SOCKET_PORT}`;
  const handle = new Handle(root, socketPath, url, log, service);
  await handle.open(Date.now() + timeoutMs);
  return handle;
}

class Handle implements EmbeddedDatabase {
  private lock: DirectoryLock | null = null;
  private stopServing: (() => Promise<void>) | null = null;
  private stopWatching: (() => void) | null = null;
  private readonly listeners: Array<() => void> = [];
  private takingOver: Promise<void> | null = null;
  private closed = false;

  constructor(
    private readonly root: string,
    private readonly socketPath: string,
    readonly url: string,
    private readonly log: (message: string) => void,
    private readonly service: string,
  ) {}

  get owner(): boolean {
    return this.lock !== null;
  }

  onTakeover(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Either we take the lock and serve, or the owner's socket answers and we join it. */
  async open(deadline: number): Promise<void> {
    for (;;) {
      if (await this.tryServe()) return;
      if (await connects(this.socketPath)) {
        this.log(`Embedded PostgreSQL is served by ${describeHolder(this.root)}; connecting to ${this.socketPath}`);
        this.watch();
        return;
      }
      if (Date.now() > deadline) {
        throw new EmbeddedDatabaseBusyError(
          `Embedded PostgreSQL at ${this.root} is held by ${describeHolder(this.root)}, which does not serve it; ` +
            `stop that process or choose another DATA_DIR`,
        );
      }
      // The owner is starting (initdb, recovery): its socket answers once PGlite is up.
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stopWatching?.();
    // A takeover under way (the owner stopped with us, as npm start's Ctrl-C stops both) finishes, then closes.
    await this.takingOver;
    await this.stopServing?.();
    await this.lock?.release();
    this.lock = null;
  }

  private async tryServe(): Promise<boolean> {
    const lock = await DirectoryLock.tryAcquire(this.root, this.service);
    if (!lock) return false;
    try {
      this.stopServing = await serve(this.root, this.socketPath, this.log);
    } catch (err) {
      await lock.release();
      throw err;
    }
    this.lock = lock;
    return true;
  }

  /**
   * The kernel closes a dead process's connections a moment before its listening sockets: the lock may still be
   * taken when the watcher hears the close. A few short tries, then the ordinary open (someone else may have won).
   */
  private async tryServeSoon(): Promise<boolean> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (await this.tryServe()) return true;
      await new Promise((r) => setTimeout(r, 25));
    }
    return false;
  }

  /** Waits for the owner to go, then takes over (or, if someone else was quicker, joins and watches it). */
  private watch(): void {
    this.stopWatching = watchHolder(this.root, () => {
      this.stopWatching = null;
      if (this.closed) return;
      this.takingOver = this.takeOver();
    });
  }

  private async takeOver(): Promise<void> {
    const started = Date.now();
    try {
      if (await this.tryServeSoon()) {
        this.log(`Embedded PostgreSQL: its owner went away; this process serves it now (took over in ${Date.now() - started} ms)`);
        if (this.closed) return;
        for (const listener of this.listeners) listener();
        return;
      }
      // Another process won the race: follow it once its socket answers.
      if (!this.closed) await this.open(Date.now() + 120_000);
    } catch (err) {
      // Without a database this process cannot serve: exit, and let its supervisor start it again.
      console.error(`Embedded PostgreSQL takeover failed: ${(err as Error).message}`);
      process.exit(err instanceof EmbeddedDatabaseBusyError ? err.exitCode : 70);
    }
  }
}

async function serve(root: string, socketPath: string, log: (message: string) => void): Promise<() => Promise<void>> {
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
  rmSync(socketPath, { force: true }); // a socket file left by an owner that died (we hold the lock)
  const server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 100 });
  useSessionQueue(server, db);
  await server.start();
  const wal = keepWalBounded(join(root, 'pgdata'), socketPath, log);
  log(`Embedded PostgreSQL (PGlite) ready at ${root} in ${Date.now() - started} ms`);
  return async () => {
    await wal.stop();
    await server.stop();
    await db.close();
    rmSync(socketPath, { force: true });
  };
}
