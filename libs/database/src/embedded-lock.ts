import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer, Server, Socket } from 'node:net';
import { join } from 'node:path';

/**
 * Who owns an embedded database's data directory, decided by the kernel rather than by a clock.
 *
 * The lock is a listening unix socket: on Linux an abstract one (no file; the kernel frees the name the moment its
 * process dies, even on kill -9), elsewhere a socket file beside the data (a refused connection means its holder is
 * gone). Holding it costs nothing at run time: there is no heartbeat to miss when the event loop is busy, so a slow
 * first `initdb` cannot lose it, and a restart never waits out a stale lock.
 *
 * Others connect to the same socket and hold the connection: when it closes, the owner has gone (crashed or
 * stopped), and they may take over at once.
 */
export class DirectoryLock {
  private readonly peers = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    private readonly root: string,
  ) {
    server.on('connection', (peer) => {
      // Watchers only listen for the close; a watcher that goes away is no concern of ours.
      peer.on('error', () => undefined);
      this.peers.add(peer);
      peer.once('close', () => this.peers.delete(peer));
    });
  }

  /** Takes the lock, or answers null when a living process holds it. */
  static async tryAcquire(root: string, service: string): Promise<DirectoryLock | null> {
    const address = lockAddress(root);
    mkdirSync(join(root, 'run'), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      const server = createServer();
      const taken = await new Promise<boolean>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) => (err.code === 'EADDRINUSE' ? resolve(false) : reject(err)));
        server.listen(address, () => resolve(true));
      });
      if (taken) {
        writeFileSync(ownerFile(root), JSON.stringify({ pid: process.pid, service, since: new Date().toISOString() }));
        return new DirectoryLock(server, root);
      }
      // A socket file outlives its process (never an abstract name): a refused connection means nobody holds it.
      if (isAbstract(address) || (await connects(address))) return null;
      rmSync(address, { force: true });
    }
    return null;
  }

  /** Frees the lock and tells every watcher at once. */
  async release(): Promise<void> {
    rmSync(ownerFile(this.root), { force: true });
    for (const peer of this.peers) peer.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/**
 * Calls `onGone` once, when the lock's holder has gone (its process died or released the lock), or at once if
 * nobody holds it. Returns a function that stops watching.
 */
export function watchHolder(root: string, onGone: () => void): () => void {
  const socket = connect(lockAddress(root));
  let stopped = false;
  const gone = () => {
    if (stopped) return;
    stopped = true;
    onGone();
  };
  socket.on('error', gone);
  socket.on('close', gone);
  return () => {
    stopped = true;
    socket.destroy();
  };
}

/** Whether a living process holds the data directory's lock (it answers on the lock's socket). */
export function lockHeld(root: string): Promise<boolean> {
  return connects(lockAddress(root));
}

/** What the holder wrote about itself, for a message naming who holds the data directory. */
export function describeHolder(root: string): string {
  try {
    const owner = JSON.parse(readFileSync(ownerFile(root), 'utf8')) as { pid?: number; service?: string; since?: string };
    return `process ${owner.pid} (${owner.service ?? 'unknown service'}, since ${owner.since ?? '?'})`;
  } catch {
    return 'another process';
  }
}

/** The lock's socket address for a data directory (exported for the test that kills a holder). */
export function lockAddress(root: string): string {
  if (process.platform === 'linux') {
    return `\0vbr-pglite-${createHash('sha256').update(root).digest('hex').slice(0, 32)}`;
  }
  return join(root, 'run', 'owner.sock');
}

function isAbstract(address: string): boolean {
  return address.startsWith('\0');
}

function ownerFile(root: string): string {
  return join(root, 'run', 'owner.json');
}

/** Whether a unix socket (a path, or an abstract name) accepts a connection now (a missing file: no). */
export function connects(path: string): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(path);
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
