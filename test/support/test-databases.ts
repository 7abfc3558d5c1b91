import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/database-config';
import { runMigrations } from '../../libs/database/src/migrations-runner';

/**
 * The databases of one test run, as test/support/database-environment.js hands them to the test files:
 * - `medium`: the medium tier's, shared by every worker at once and never truncated (its suites isolate
 *   themselves by fresh organizations, users and numbers);
 * - `workers[k - 1]`: jest worker k's own, for the e2e suites, which truncate it at the start of each file.
 * All are migrated once: the first database is migrated, the others are copies of it (a PGlite dump, or a
 * PostgreSQL TEMPLATE on a server).
 */
export interface TestDatabases {
  kind: 'embedded' | 'server';
  medium: string;
  workers: string[];
  /** Each worker's DATA_DIR is `<dataRoot>/w<k>`; the medium tier's (shared: one signing key file) `<dataRoot>/medium`. */
  dataRoot: string;
}

export const TEST_DATABASES_ENV = 'TEST_DATABASES';

interface Running {
  databases: TestDatabases;
  processes: ChildProcess[];
  /** Server databases to drop at the end, with the server's URL. */
  created: { adminUrl: string; names: string[] } | null;
}

const KEY = '__TEST_DATABASES__';

/** Starts (or creates) the medium database and `workerCount` worker databases, migrated. */
export async function startTestDatabases(workerCount: number, serverUrl: string | undefined): Promise<TestDatabases> {
  const dataRoot = mkdtempSync(join(tmpdir(), 'vbr-tests-'));
  try {
    const running: Running = serverUrl ? await onServer(serverUrl, workerCount, dataRoot) : await embedded(workerCount, dataRoot);
    (globalThis as Record<string, unknown>)[KEY] = running;
    return running.databases;
  } catch (err) {
    rmSync(dataRoot, { recursive: true, force: true });
    throw err;
  }
}

export async function stopTestDatabases(): Promise<void> {
  const running = (globalThis as Record<string, unknown>)[KEY] as Running | undefined;
  if (!running) return;
  await Promise.all(running.processes.map(stopProcess));
  if (running.created) {
    const { adminUrl, names } = running.created;
    await withDataSource(adminUrl, async (ds) => {
      for (const name of names) await ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    });
  }
  rmSync(running.databases.dataRoot, { recursive: true, force: true });
}

async function embedded(workerCount: number, dataRoot: string): Promise<Running> {
  const first = await startProcess();
  const processes = [first.proc];
  try {
    await migrate(first.url);
    const dump = join(dataRoot, 'migrated.tar');
    await request(first.proc, { dump }, 'dumped');
    const copies = await Promise.all(Array.from({ length: workerCount }, () => startProcess(dump)));
    processes.push(...copies.map((c) => c.proc));
    rmSync(dump, { force: true });
    return { databases: { kind: 'embedded', medium: first.url, workers: copies.map((c) => c.url), dataRoot }, processes, created: null };
  } catch (err) {
    await Promise.all(processes.map(stopProcess));
    throw err;
  }
}

async function onServer(serverUrl: string, workerCount: number, dataRoot: string): Promise<Running> {
  const base = new URL(serverUrl).pathname.slice(1) || 'postgres';
  const medium = `${base}_medium`;
  const workers = Array.from({ length: workerCount }, (_, i) => `${base}_w${i + 1}`);
  const urlOf = (name: string) => Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await withDataSource(serverUrl, async (ds) => {
    for (const name of [medium, ...workers]) await ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await ds.query(`CREATE DATABASE "${medium}"`);
  });
  await migrate(urlOf(medium));
  await withDataSource(serverUrl, async (ds) => {
    for (const name of workers) await ds.query(`CREATE DATABASE "${name}" TEMPLATE "${medium}"`);
  });
  return {
    databases: { kind: 'server', medium: urlOf(medium), workers: workers.map(urlOf), dataRoot },
    processes: [],
    created: { adminUrl: serverUrl, names: [medium, ...workers] },
  };
}

async function migrate(url: string): Promise<void> {
  await withDataSource(url, (ds) => runMigrations(ds));
}

async function withDataSource(url: string, work: (ds: DataSource) => Promise<unknown>): Promise<void> {
  const ds = await new DataSource(buildDataSourceOptions({ url, poolSize: 2 })).initialize();
  try {
    await work(ds);
  } finally {
    await ds.destroy();
  }
}

function startProcess(dump?: string): Promise<{ proc: ChildProcess; url: string }> {
  const proc = fork(join(__dirname, 'embedded-database-process.js'), dump ? [dump] : [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return request(proc, null, 'url').then((url) => ({ proc, url }));
}

/** Sends `message` (if any) and waits for the answer carrying `key`. */
function request(proc: ChildProcess, message: object | null, key: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const onMessage = (msg: Record<string, string>) => {
      if (msg.error) done(() => reject(new Error(`embedded database process: ${msg.error}`)));
      else if (key in msg) done(() => resolve(msg[key]));
    };
    const onExit = (code: number | null) => done(() => reject(new Error(`embedded database process exited (${code})`)));
    const done = (settle: () => void) => {
      proc.off('message', onMessage);
      proc.off('exit', onExit);
      settle();
    };
    proc.on('message', onMessage);
    proc.on('exit', onExit);
    if (message) proc.send(message);
  });
}

function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => proc.kill('SIGKILL'), 5_000);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    if (proc.connected) proc.send({ stop: true });
    else proc.kill();
  });
}
