import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeHolder, DirectoryLock, lockAddress, lockHeld, watchHolder } from './embedded-lock';

describe('the embedded database directory lock', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'vbr-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is held by one process at a time, names its holder, and tells a watcher when it is released', async () => {
    const lock = await DirectoryLock.tryAcquire(dir, 'registry');
    expect(lock).not.toBeNull();
    expect(await DirectoryLock.tryAcquire(dir, 'lookup')).toBeNull();
    expect(await lockHeld(dir)).toBe(true);
    expect(describeHolder(dir)).toMatch(new RegExp(`^process ${process.pid} \\(registry, since `));

    const gone = new Promise<void>((resolve) => watchHolder(dir, resolve));
    await lock!.release();
    await gone;
    expect(await lockHeld(dir)).toBe(false);
    const next = await DirectoryLock.tryAcquire(dir, 'lookup');
    expect(next).not.toBeNull();
    await next!.release();
  });

  it('is freed by the kernel when its holder is killed (kill -9): no stale lock, and the watcher hears it', async () => {
    // A child process holds the lock's socket as DirectoryLock does; then we kill it without letting it run any code.
    const child = fork(
      '-e',
      [`require('node:net').createServer().listen(${JSON.stringify(lockAddress(dir))}, () => process.send('held'))`],
      { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    expect(await new Promise((resolve) => child.once('message', resolve))).toBe('held');
    expect(await DirectoryLock.tryAcquire(dir, 'survivor')).toBeNull();

    const gone = new Promise<void>((resolve) => watchHolder(dir, resolve));
    child.kill('SIGKILL');
    await gone;
    // The kernel closes a dead process's connections a moment before its listening socket (embedded-postgres.ts
    // tries again for this reason): poll, with a generous bound.
    let lock: DirectoryLock | null = null;
    for (let i = 0; i < 200 && !lock; i++) {
      lock = await DirectoryLock.tryAcquire(dir, 'survivor');
      if (!lock) await new Promise((r) => setTimeout(r, 10));
    }
    expect(lock).not.toBeNull();
    await lock!.release();
  });
});
