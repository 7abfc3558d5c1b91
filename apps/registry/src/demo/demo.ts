import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { lockHeld } from '@app/database/embedded-lock';
import { PILOT_DEMO_LOOKUPS, PILOT_NUMBERS, PILOT_BRANDNAMES, PILOT_ORGANIZATIONS, PilotSeedResult, seedPilot } from './pilot-seed';

/**
 * `npm run demo`: both services on a fresh embedded PostgreSQL with the pilot's data, then three curl
 * commands that were just run and gave the verdict printed next to them.
 *
 * The data directory is DEMO_DATA_DIR (default ./data/demo), wiped at every start so the demo is repeatable.
 * DATA_DIR and DATABASE_URL are deliberately not used: the demo must never wipe or seed real data.
 * Ports: REGISTRY_PORT (3000) and LOOKUP_PORT (3001). The services log at LOG_LEVEL (default warn here).
 */

const ADMIN_USERNAME = 'regulator1';
const DEFAULT_DATA_DIR = './data/demo';
/** Written into the demo's data directory; a non-empty directory without it is never wiped. */
const MARKER = '.vbr-demo';
const START_TIMEOUT_MS = 180_000;
const LOOKUP_SYNC_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 20_000;

interface Service {
  name: 'registry' | 'lookup';
  child: ChildProcess;
  /** Resolves with the exit code, or the signal that ended the service. */
  exit: Promise<number | NodeJS.Signals>;
  exited: boolean;
}

const services: Service[] = [];
let stopping = false;

function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

function port(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number (1-65535), not "${raw}"`);
  return value;
}

/** Wipes (or creates) the demo's data directory, refusing when a demo still runs on it or it is not the demo's. */
async function prepareDataDir(dir: string, isDefault: boolean): Promise<void> {
  if (existsSync(dir)) {
    if (await lockHeld(realpathSync(dir))) {
      throw new Error(`${dir} is in use (its embedded database is held): is another demo still running? Stop it first.`);
    }
    const entries = readdirSync(dir);
    if (entries.length > 0 && !entries.includes(MARKER) && !isDefault) {
      throw new Error(`${dir} is not empty and was not created by the demo; refusing to wipe it (choose another DEMO_DATA_DIR)`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, MARKER), 'Created by npm run demo: wiped at every demo start.\n');
}

function start(name: Service['name'], script: string, env: NodeJS.ProcessEnv): Service {
  // Own process group: a Ctrl-C in the terminal reaches only the demo, which forwards it once (a second
  // signal during Nest's shutdown would kill a service before it releases the embedded database's lock).
  const child = spawn(process.execPath, [script], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = `[${name}]`.padEnd(11);
  for (const stream of [child.stdout!, child.stderr!]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix}${line}\n`));
  }
  const service: Service = { name, child, exited: false, exit: Promise.resolve(0) };
  service.exit = new Promise((done) => {
    child.once('exit', (code, signal) => {
      service.exited = true;
      if (!stopping) say(`[demo]     ${name} exited unexpectedly (${signal ?? `code ${code}`}); stopping the demo`);
      done(signal ?? code ?? 1);
      void stop(1);
    });
    child.once('error', (err) => {
      say(`[demo]     could not start ${name}: ${err.message}`);
      service.exited = true;
      done(1);
      void stop(1);
    });
  });
  services.push(service);
  return service;
}

let stopped: Promise<never> | null = null;

/**
 * Sends `signal` to every running service once, waits for them (SIGKILL after a while), then exits with `code`,
 * or 1 when a service failed (ending by the signal sent is a clean stop: Nest re-raises it after shutting down).
 */
function stop(code: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<never> {
  if (stopped) return stopped;
  stopping = true;
  stopped = (async () => {
    for (const s of services) if (!s.exited) s.child.kill(signal);
    const timer = setTimeout(() => {
      for (const s of services) {
        if (!s.exited) {
          say(`[demo]     ${s.name} did not stop within ${STOP_TIMEOUT_MS / 1000} s; killing it`);
          s.child.kill('SIGKILL');
        }
      }
    }, STOP_TIMEOUT_MS);
    const codes = await Promise.all(services.map((s) => s.exit));
    clearTimeout(timer);
    const failed = codes.some((c) => c !== 0 && c !== signal);
    process.exit(code !== 0 ? code : failed ? 1 : 0);
  })();
  return stopped;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the demo prints whatever the services answer
async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body };
}

async function until<T>(what: string, timeoutMs: number, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    if (stopping) throw new Error('stopping');
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (err) {
      last = (err as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function main(): Promise<void> {
  const registryPort = port('REGISTRY_PORT', 3000);
  const lookupPort = port('LOOKUP_PORT', 3001);
  const dataDirInput = process.env.DEMO_DATA_DIR || DEFAULT_DATA_DIR;
  const dataDir = resolve(dataDirInput);
  const shownDataDir = relative(process.cwd(), dataDir).startsWith('..') ? dataDir : `./${relative(process.cwd(), dataDir)}`;
  const registryScript = resolve(__dirname, '..', 'main.js');
  const lookupScript = resolve(__dirname, '..', '..', '..', 'lookup', 'src', 'main.js');
  for (const script of [registryScript, lookupScript]) {
    if (!existsSync(script)) throw new Error(`${script} is missing: run npm run build first`);
  }

  await prepareDataDir(dataDir, dataDir === resolve(DEFAULT_DATA_DIR));
  say(`[demo]     Fresh embedded PostgreSQL in ${shownDataDir} (wiped at every demo start)`);
  if (process.env.DATABASE_URL) say('[demo]     DATABASE_URL is ignored: the demo always runs on its own embedded database');

  const adminPassword = randomBytes(12).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    REGISTRY_PORT: String(registryPort),
    LOOKUP_PORT: String(lookupPort),
    BOOTSTRAP_ADMIN_USERNAME: ADMIN_USERNAME,
    BOOTSTRAP_ADMIN_PASSWORD: adminPassword,
    LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
  };
  delete env.DATABASE_URL;

  // Under `npm run demo` a Ctrl-C arrives twice (from the terminal, and forwarded by npm): repeats within a few
  // seconds are ignored; a later one, from someone tired of waiting, kills the services.
  let firstSignalAt = 0;
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(sig, () => {
      if (stopping) {
        if (!firstSignalAt) firstSignalAt = Date.now(); // already stopping because a service exited
        if (Date.now() - firstSignalAt < 3_000) return;
        say(`[demo]     ${sig} again: killing the services`);
        for (const s of services) if (!s.exited) s.child.kill('SIGKILL');
        return;
      }
      firstSignalAt = Date.now();
      say(`[demo]     ${sig}: stopping both services`);
      void stop(0, sig === 'SIGHUP' ? 'SIGTERM' : sig);
    });
  }

  say(`[demo]     Starting the registry (:${registryPort}) and the lookup (:${lookupPort})...`);
  const started = Date.now();
  start('registry', registryScript, env);
  start('lookup', lookupScript, env);

  const registryLocal = `http://127.0.0.1:${registryPort}`;
  const lookupLocal = `http://127.0.0.1:${lookupPort}`;
  await until('the registry to be ready', START_TIMEOUT_MS, async () =>
    (await getJson(`${registryLocal}/health/ready`)).status === 200 ? true : undefined,
  );
  await until('the lookup to be ready', START_TIMEOUT_MS, async () =>
    (await getJson(`${lookupLocal}/health/ready`)).status === 200 ? true : undefined,
  );
  say(`[demo]     Both services ready in ${((Date.now() - started) / 1000).toFixed(1)} s; seeding the pilot through the registry API...`);

  const seedStarted = Date.now();
  const seed = await seedPilot(`${registryLocal}/v1`, { username: ADMIN_USERNAME, password: adminPassword });
  const viettelKey = seed.carrierKeys.VIETTEL;
  const lookup = async (path: string) => {
    const res = await getJson(`${lookupLocal}${path}`, { 'X-Api-Key': viettelKey });
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status} ${res.body?.code ?? ''}`);
    return res.body as { verdict: string; status: string; display: { label: string; name: string } | null };
  };
  // The lookup follows the registry's change feed: wait until it answers for every approved number.
  const expected: Array<[string, string]> = [
    [PILOT_NUMBERS.main.e164, 'brand'],
    [PILOT_NUMBERS.restricted.e164, 'brand'],
    [PILOT_NUMBERS.hotline.e164, 'block'],
  ];
  await until('the lookup to have the approved numbers', LOOKUP_SYNC_TIMEOUT_MS, async () => {
    for (const [number, verdict] of expected) {
      const got = await lookup(`/v1/lookup/${encodeURIComponent(number)}`);
      if (got.verdict !== verdict) throw new Error(`${number} is still "${got.verdict}"`);
    }
    return true;
  });
  say(`[demo]     Pilot seeded and visible in the lookup in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

  const results = [];
  for (const demo of PILOT_DEMO_LOOKUPS) {
    const got = await lookup(demo.path);
    if (got.verdict !== demo.verdict) throw new Error(`${demo.path} answered verdict "${got.verdict}", expected "${demo.verdict}"`);
    results.push({ ...demo, got });
  }

  printSummary(seed, { registryPort, lookupPort, shownDataDir, adminPassword, results });
}

function printSummary(
  seed: PilotSeedResult,
  o: {
    registryPort: number;
    lookupPort: number;
    shownDataDir: string;
    adminPassword: string;
    results: Array<
      (typeof PILOT_DEMO_LOOKUPS)[number] & { got: { verdict: string; status: string; display: { label: string; name: string } | null } }
    >;
  },
): void {
  const registry = `http://localhost:${o.registryPort}`;
  const lookup = `http://localhost:${o.lookupPort}`;
  const key = seed.carrierKeys.VIETTEL;
  const width = Math.max(...seed.carriers.map((c) => c.code.length));
  say();
  say('='.repeat(100));
  say('Voice-brandname registry demo: running with the pilot data');
  say('='.repeat(100));
  say(`  Web console    ${registry}/console/   (sign in as a regulator below; Vietnamese)`);
  say(`  Registry API   ${registry}/v1`);
  say(`  API docs       ${registry}/docs`);
  say(`  Lookup API     ${lookup}/v1`);
  say(`  Data           ${o.shownDataDir} (embedded PostgreSQL, wiped at every demo start)`);
  say();
  say('Regulator logins (four eyes: regulator1 submitted the pilot data, regulator2 approved it)');
  say(`  ${seed.regulators.submitter.username.padEnd(12)} ${o.adminPassword}`);
  say(`  ${seed.regulators.approver.username.padEnd(12)} ${seed.regulators.approver.password}`);
  say(
    `  curl -s ${registry}/v1/auth/login -H 'content-type: application/json' -d '{"username":"regulator1","password":"${o.adminPassword}"}'`,
  );
  say();
  say('Carrier API keys (for the X-Api-Key header; the registry shows a key only once)');
  for (const c of seed.carriers) say(`  ${c.code.padEnd(width)}  ${c.apiKey}`);
  say();
  say('Pilot data');
  const { mic, bca } = PILOT_ORGANIZATIONS;
  say(`  ${mic.code}  ${mic.name}: active; brandname ${PILOT_BRANDNAMES.mic.label} / ${PILOT_BRANDNAMES.mic.displayName}: active`);
  say(`       ${PILOT_NUMBERS.main.number}  active, any domestic carrier may originate it`);
  say(`       ${PILOT_NUMBERS.restricted.number}  active, only from ${PILOT_NUMBERS.restricted.allowedOrigins.join(', ')}`);
  say(`       ${PILOT_NUMBERS.hotline.number}      active, inbound-only hotline (a call presenting it is blocked)`);
  say(`  ${bca.code}  ${bca.name}: pending review; brandname ${PILOT_BRANDNAMES.bca.label} / ${PILOT_BRANDNAMES.bca.displayName}: pending`);
  say();
  say('Try it (as VIETTEL; each command was just run and gave the verdict shown):');
  o.results.forEach((r, i) => {
    say();
    say(`  ${i + 1}. ${r.explanation}`);
    say(`     curl -s -H 'X-Api-Key: ${key}' '${lookup}${r.path}'`);
    const shown = r.got.display ? `, display "${r.got.display.label}" / "${r.got.display.name}"` : '';
    say(`     -> verdict ${r.got.verdict} (status ${r.got.status}${shown})`);
  });
  say();
  say('Press Ctrl-C to stop both services.');
  say('='.repeat(100));
}

main().catch((err: Error) => {
  if (stopping) return; // a signal or a service's exit is already stopping the demo
  say(`[demo]     ${err.message}`);
  void stop(1);
});
