import { fork, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { PILOT_NUMBERS, PilotSeedResult, seedPilot } from '../../apps/registry/src/demo/pilot-seed';
import { DirectoryLock, lockAddress } from '../../libs/database/src/embedded-lock';
import { resetDatabase, testDataSource } from '../support/database';
import { freePort, ServiceProcess } from '../support/service-process';
import { within } from '../support/wait';

/**
 * Killing whichever process owns the embedded database, as built services (`dist/`) run under `npm start`:
 * - a suspension that answered 200 is out of the running lookup even if the registry dies right after answering,
 *   on the embedded database and on the run's own database (a server in CI's second pass);
 * - the survivor takes the embedded database over, and the dead one comes back as its client without waiting;
 * - a data directory held by a process that does not serve it stops a service with one line and exit code 75.
 */
const password = 'failover-root-password-123';
const main = PILOT_NUMBERS.main;

interface Services {
  registry: ServiceProcess;
  lookup: ServiceProcess;
  registryUrl: string;
  lookupUrl: string;
}

function baseEnv(database: Record<string, string>): Record<string, string> {
  return {
    ...database,
    NODE_ENV: 'test',
    SECOND_FACTOR: 'optional', // the seed signs in with a password (the second factor has its own suites)
    JWT_SECRET: 'f'.repeat(40),
    LOG_LEVEL: 'info',
    BOOTSTRAP_ADMIN_USERNAME: 'failroot',
    BOOTSTRAP_ADMIN_PASSWORD: password,
    LOOKUP_CONFIRM_TIMEOUT_MS: '10000', // generous: this machine runs other suites alongside
  };
}

async function startRegistry(env: Record<string, string>): Promise<{ registry: ServiceProcess; registryUrl: string }> {
  const port = await freePort();
  const registry = ServiceProcess.start('registry', { ...env, REGISTRY_PORT: String(port) });
  const registryUrl = `http://127.0.0.1:${port}`;
  await registry.ready(`${registryUrl}/health/ready`, 90_000);
  return { registry, registryUrl };
}

async function startLookup(env: Record<string, string>): Promise<{ lookup: ServiceProcess; lookupUrl: string }> {
  const port = await freePort();
  const lookup = ServiceProcess.start('lookup', { ...env, LOOKUP_PORT: String(port) });
  const lookupUrl = `http://127.0.0.1:${port}`;
  await lookup.ready(`${lookupUrl}/health/ready`, 90_000);
  return { lookup, lookupUrl };
}

async function login(registryUrl: string, username: string, pass: string): Promise<string> {
  const res = await fetch(`${registryUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: pass }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

async function verdict(lookupUrl: string, key: string): Promise<string> {
  const res = await fetch(`${lookupUrl}/v1/lookup/${encodeURIComponent(main.e164)}`, { headers: { 'x-api-key': key } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { verdict: string }).verdict;
}

/** Seeds the pilot, waits for the lookup to brand the main number, suspends it, and kills the registry at its 200. */
async function suspendThenKillRegistry(s: Services): Promise<{ seed: PilotSeedResult; key: string }> {
  const seed = await seedPilot(s.registryUrl, { username: 'failroot', password });
  const key = seed.carrierKeys.VIETTEL;
  await within(30_000, async () => expect(await verdict(s.lookupUrl, key)).toBe('brand'));
  const token = await login(s.registryUrl, 'failroot', password);
  const res = await fetch(`${s.registryUrl}/v1/numbers/${seed.numbers.main}/suspend`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ reason: 'Nghi ngờ bị giả mạo' }),
  });
  expect(res.status).toBe(200);
  expect(await s.registry.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
  return { seed, key };
}

describe('an acknowledged suspension survives the registry dying at once', () => {
  it('on the embedded database: out of the lookup before the answer; the lookup takes over and the registry rejoins', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-failover-'));
    const env = baseEnv({ DATABASE_URL: '', DATA_DIR: dataDir, DB_MIGRATIONS_RUN: 'true' });
    const services: Partial<Services> = {};
    try {
      Object.assign(services, await startRegistry(env));
      Object.assign(services, await startLookup(env));
      const { key } = await suspendThenKillRegistry(services as Services);

      // No waiting: the registry answered only once the lookup held the suspension.
      expect(await verdict(services.lookupUrl!, key)).toBe('none');

      // The lookup serves the embedded database now (it never waits for the registry to come back) ...
      await within(30_000, async () =>
        expect(services.lookup!.output.join('\n')).toMatch(/this process serves it now \(took over in \d+ ms\)/),
      );
      const took = /took over in (\d+) ms/.exec(services.lookup!.output.join('\n'))![1];
      console.log(`lookup took the embedded database over ${took} ms after hearing the registry die`);
      await within(30_000, async () => expect((await fetch(`${services.lookupUrl}/health/ready`)).status).toBe(200));

      // ... and the registry restarts at once as its client, with no stale lock to wait out.
      const started = Date.now();
      Object.assign(services, await startRegistry(env));
      console.log(`registry restarted as the lookup's client in ${Date.now() - started} ms`);
      expect(services.registry!.output.join('\n')).toMatch(/Embedded PostgreSQL is served by process \d+ \(lookup/);
      const token = await login(services.registryUrl!, 'failroot', password);
      const listed = await fetch(`${services.registryUrl}/v1/organizations`, { headers: { authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);

      // Now the owner (the lookup) dies: the registry takes over and keeps answering writes.
      expect(await services.lookup!.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      const cut = Date.now();
      await within(
        30_000,
        async () => {
          const res = await fetch(`${services.registryUrl}/v1/organizations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ code: 'SAUCHET', name: 'Tổ chức sau khi chủ sở hữu dừng', kind: 'other' }),
          });
          expect(res.status).toBe(201);
        },
        50,
      );
      console.log(`registry wrote again ${Date.now() - cut} ms after the lookup (the owner) was killed`);
      expect(services.registry!.output.join('\n')).toMatch(/this process serves it now/);
    } finally {
      await services.registry?.stop('SIGKILL');
      await services.lookup?.stop('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);

  it("on the run's database (the server in CI's second pass): out of the lookup before the answer", async () => {
    const ds: DataSource = await testDataSource();
    const services: Partial<Services> = {};
    try {
      await resetDatabase(ds);
      await ds.query(`DELETE FROM users`);
      const env = baseEnv({ DATABASE_URL: process.env.DATABASE_URL!, DB_MIGRATIONS_RUN: 'false' });
      Object.assign(services, await startRegistry(env));
      Object.assign(services, await startLookup(env));
      const { key } = await suspendThenKillRegistry(services as Services);
      expect(await verdict(services.lookupUrl!, key)).toBe('none');
    } finally {
      await services.registry?.stop('SIGKILL');
      await services.lookup?.stop('SIGKILL');
      await ds.destroy();
    }
  }, 240_000);
});

describe('npm start (scripts/start-services.js) on the embedded database', () => {
  it('a service that owned the database and died is started again as the survivor takes over; both answer again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-launcher-'));
    const [registryPort, lookupPort] = [await freePort(), await freePort()];
    const env = {
      ...process.env,
      ...baseEnv({ DATABASE_URL: '', DATA_DIR: dataDir, DB_MIGRATIONS_RUN: 'true' }),
      REGISTRY_PORT: String(registryPort),
      LOOKUP_PORT: String(lookupPort),
    };
    const launcher = spawn(process.execPath, [join(__dirname, '..', '..', 'scripts', 'start-services.js')], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: string[] = [];
    for (const stream of [launcher.stdout!, launcher.stderr!]) stream.on('data', (d: Buffer) => out.push(d.toString()));
    const exited = new Promise<number | null>((r) => launcher.once('exit', (code) => r(code)));
    const ready = (port: number) =>
      within(90_000, async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => null))?.status).toBe(200), 200);
    try {
      await Promise.all([ready(registryPort), ready(lookupPort)]);
      // Whichever won the lock race owns the database: kill it as a crash would.
      const owner = JSON.parse(readFileSync(join(dataDir, 'run', 'owner.json'), 'utf8')) as { pid: number; service: string };
      process.kill(owner.pid, 'SIGKILL');
      const survivorPort = owner.service === 'registry' ? lookupPort : registryPort;
      await within(30_000, async () => expect(out.join('')).toMatch(/this process serves it now/));
      await within(30_000, async () =>
        expect(out.join('')).toMatch(new RegExp(`${owner.service} exited \\(SIGKILL\\); starting it again`)),
      );
      await Promise.all([ready(registryPort), ready(lookupPort)]);
      const now = JSON.parse(readFileSync(join(dataDir, 'run', 'owner.json'), 'utf8')) as { pid: number; service: string };
      expect(now.service).not.toBe(owner.service);
      console.log(
        `npm start: ${owner.service} (the owner) killed; ${now.service} on :${survivorPort} serves the database, ${owner.service} restarted`,
      );
    } finally {
      launcher.kill('SIGTERM');
      expect(await exited).toBe(0);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 240_000);
});

describe('an owner whose event loop is blocked (a busy first initdb)', () => {
  it('keeps the lock for longer than the old 10 s stale threshold: nobody takes the data directory from under it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-busy-'));
    // The child holds the lock's socket as DirectoryLock does, then blocks its event loop for 11 s (no timer, no
    // heartbeat can run): the old lock file, refreshed by a timer, went stale after 10 s and was taken.
    const child = fork(
      '-e',
      [
        `require('node:net').createServer().listen(${JSON.stringify(lockAddress(dataDir))}, () => {` +
          `process.send('held'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 11000); process.send('free'); })`,
      ],
      { execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
    );
    const messages: unknown[] = [];
    child.on('message', (m) => messages.push(m));
    try {
      await within(10_000, async () => expect(messages).toContain('held'));
      let attempts = 0;
      while (!messages.includes('free')) {
        expect(await DirectoryLock.tryAcquire(dataDir, 'intruder')).toBeNull();
        attempts++;
        await new Promise((r) => setTimeout(r, 250)); // spacing attempts over the block, not waiting for a result
      }
      expect(attempts).toBeGreaterThan(20);
    } finally {
      child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('a data directory held by a process that does not serve it', () => {
  it('stops the service with one line naming the holder, and exit code 75', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vbr-held-'));
    const lock = await DirectoryLock.tryAcquire(dataDir, 'test holder');
    try {
      expect(lock).not.toBeNull();
      const port = await freePort();
      const registry = ServiceProcess.start('registry', {
        ...baseEnv({ DATABASE_URL: '', DATA_DIR: dataDir, DB_MIGRATIONS_RUN: 'true' }),
        EMBEDDED_DB_WAIT_SECONDS: '2',
        REGISTRY_PORT: String(port),
      });
      expect(await registry.exit()).toEqual({ code: 75, signal: null });
      expect(registry.output.join('\n')).toMatch(
        new RegExp(`Registry failed to start: Embedded PostgreSQL at .* is held by process ${process.pid} \\(test holder`),
      );
    } finally {
      await lock?.release();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
