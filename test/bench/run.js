'use strict';
/**
 * npm run bench [-- --smoke]: the lookup service at default production settings against a bare node:http server
 * (same Map, same JSON) in alternated pairs of wrk runs, at 10k and 1M numbers and with LOOKUP_WORKERS=2 against
 * two bare processes; the naive peer (Express + pg, one SELECT per request); screening (POST /v1/screen) against
 * single lookups on the same service, in alternated pairs; index memory and load time at 1M,
 * approval → visible, batch, snapshot and CSV import through the registry. Full mode writes
 * test/bench/RESULTS.md; --smoke (10k numbers, one short pair per case, no 1M) writes to a temp file and only
 * checks the harness works. Everything listens on and targets 127.0.0.1 only; every load loop is bounded in time.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { createServer } = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const { Client } = require('pg');
const seed = require('./seed');
const { summarize } = require('./profile-summary');
const { comparePairs, ensureWrk, median } = require('./wrk');

const ROOT = join(__dirname, '..', '..');
const SMOKE = process.argv.includes('--smoke');
const CFG = SMOKE
  ? {
      small: 10_000,
      large: 0,
      pairs: { pairs: 1, seconds: 1, warmup: 1 },
      naivePairs: 1,
      approvals: 5,
      batches: 10,
      importRows: 2_000,
      poolSize: 2_000,
      profileS: 1,
    }
  : {
      small: 10_000,
      large: 1_000_000,
      pairs: { pairs: 5, seconds: 6, warmup: 2 },
      naivePairs: 3,
      approvals: 100,
      batches: 200,
      importRows: 100_000,
      poolSize: 4_000,
      profileS: 6,
    };
const CONNECTIONS = 50;
const JWT_SECRET = 'bench-jwt-secret-0123456789abcdef0123456789';
const ADMIN = { username: 'benchadmin', password: 'bench-admin-password-1' };
const APPROVER = { username: 'benchreg2', password: 'bench-reg2-password-1' };
const t0 = Date.now();
const log = (m) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)}s] ${m}`);

// ---------------------------------------------------------------- processes

const children = new Set();

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function startChild(name, args, env) {
  const proc = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = [];
  const keep = (d) => {
    output.push(...d.toString().split('\n').filter(Boolean));
    if (output.length > 200) output.splice(0, output.length - 200);
  };
  proc.stdout.on('data', keep);
  proc.stderr.on('data', keep);
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const child = { name, proc, output, exited, startedAt: performance.now() };
  children.add(child);
  exited.then(() => children.delete(child));
  return child;
}

async function stopChild(child, signal = 'SIGTERM') {
  if (!child || child.proc.exitCode !== null || child.proc.signalCode !== null) return;
  child.proc.kill(signal);
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 15_000);
  await child.exited;
  clearTimeout(timer);
}

async function waitReady(child, url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return performance.now() - child.startedAt;
    } catch {
      // not listening yet
    }
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited early:\n${child.output.join('\n')}`);
    if (Date.now() > deadline) throw new Error(`${child.name} not ready in ${timeoutMs} ms:\n${child.output.join('\n')}`);
    await sleep(50);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Default production settings: no LOG_LEVEL (info), rate limit and metrics on; only what the bench must set. */
function serviceEnv(dbUrl, extra) {
  const env = {
    DATABASE_URL: dbUrl,
    NODE_ENV: 'production',
    JWT_SECRET,
    HOST: '127.0.0.1',
    LOG_FORMAT: 'json',
    DB_MIGRATIONS_RUN: 'false',
    ...extra,
  };
  // The parent's own settings must not leak into "default settings".
  for (const name of ['LOG_LEVEL', 'LOOKUP_ACCESS_LOG', 'LOOKUP_SLOW_MS', 'LOOKUP_WORKERS', 'LOOKUP_RATE_LIMIT_RPS'])
    if (!(name in extra)) env[name] = undefined;
  return env;
}

async function startLookup(name, dbUrl, { nodeArgs = [], env = {} } = {}) {
  const [port, metricsPort] = [await freePort(), await freePort()];
  const child = startChild(
    name,
    [...nodeArgs, 'dist/apps/lookup/src/main.js'],
    serviceEnv(dbUrl, { LOOKUP_PORT: String(port), METRICS_PORT: String(metricsPort), ...env }),
  );
  child.url = `http://127.0.0.1:${port}`;
  child.metricsUrl = `http://127.0.0.1:${metricsPort}/metrics`; // never on the public port
  child.readyMs = await waitReady(child, `${child.url}/health/ready`);
  return child;
}

async function startBaseline(name, script, dbUrl, workers = 1) {
  const port = await freePort();
  const child = startChild(name, [join(__dirname, script)], { DATABASE_URL: dbUrl, PORT: String(port), WORKERS: String(workers) });
  child.url = `http://127.0.0.1:${port}`;
  await waitReady(child, `${child.url}/v1/lookup/0912345678`).catch(async () => waitReady(child, `${child.url}/v1/lookup/0912345678`));
  return child;
}

// ---------------------------------------------------------------- request mix

function mulberry32(a) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "+8491xxxxxxx" in one of the ways people write it. */
function formatted(e164, r) {
  const nsn = e164.slice(3); // 9 digits, e.g. 912345678
  const nat = `0${nsn}`;
  switch (Math.floor(r * 7)) {
    case 0:
      return e164;
    case 1:
      return e164.slice(1); // 84…
    case 2:
      return nat;
    case 3:
      return `${nat.slice(0, 3)} ${nat.slice(3, 6)} ${nat.slice(6)}`;
    case 4:
      return `${nat.slice(0, 3)}.${nat.slice(3, 6)}.${nat.slice(6)}`;
    case 5:
      return `+84 ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`;
    default:
      return `${nat.slice(0, 4)} ${nat.slice(4, 7)} ${nat.slice(7)}`;
  }
}

/** 70% registered (mixed formats), 25% unregistered (+8498…), 5% registered with ?origin=VIETTEL. */
function requestPool(size, registered, seedValue = 42) {
  const rnd = mulberry32(seedValue);
  const paths = [];
  for (let k = 0; k < size; k++) {
    const p = rnd();
    let input;
    let query = '';
    if (p < 0.7 || p >= 0.95) {
      input = formatted(seed.registeredE164(Math.floor(rnd() * registered)), rnd());
      if (p >= 0.95) query = '?origin=VIETTEL';
    } else {
      input = formatted(`+8498${String(Math.floor(rnd() * 10_000_000)).padStart(7, '0')}`, rnd());
    }
    paths.push(`/v1/lookup/${encodeURIComponent(input)}${query}`);
  }
  return paths;
}

/**
 * Screening bodies, built like the lookup pool: a display name (voice) for 95%, a sender ID alone for 5%; 70% of
 * them with a registered number (mixed formats), 25% with an unregistered one. Names: impersonating spellings of
 * protected state names, ordinary names, and the seeded organizations' own.
 */
const SCREEN_NAMES = [
  'CONG AN',
  'Công an Hà Nội',
  'Cảnh sát hình sự',
  'Cong-An phuong 3',
  'C.A.N.D',
  'CONGAN TPHCM',
  'Cơ quan CSĐT yêu cầu xác minh',
  'Nguyễn Văn An',
  'Khach goi',
  'Shopee',
  'Giao Hang Nhanh',
  'Bộ TT&TT',
  'Ngân hàng Nhà nước',
  'Vietcombank',
  'Tran Thi Bich Ngoc',
  'Grab',
];
const SCREEN_FRESH_POOL = 25_000;

/**
 * `fresh`: every body's name is new (a numbered variant), and the pool is larger than the lookup's memory of matched
 * names (10,000 per list), so each request folds and matches its name: a campaign that varies its names every call.
 */
function screenPool(size, registered, seedValue = 44, fresh = false) {
  const rnd = mulberry32(seedValue);
  const out = [];
  for (let k = 0; k < size; k++) {
    const base = SCREEN_NAMES[Math.floor(rnd() * SCREEN_NAMES.length)];
    const name = fresh ? `${base.slice(0, 24)} ${k}` : base;
    const p = rnd();
    let body;
    if (p >= 0.95) body = { senderId: name.slice(0, 11) };
    else {
      const e164 =
        p < 0.7 ? seed.registeredE164(Math.floor(rnd() * registered)) : `+8498${String(Math.floor(rnd() * 10_000_000)).padStart(7, '0')}`;
      body = { displayName: name, number: formatted(e164, rnd()) };
    }
    out.push({ method: 'POST', path: '/v1/screen', body: JSON.stringify(body) });
  }
  return out;
}

/** Before timing it: screening answers each verdict, from the list the lookup loaded. */
async function checkScreening(lookup, apiKey) {
  const verdict = async (body) => (await api(lookup.url, 'POST', '/v1/screen', { apiKey, body })).verdict;
  const got = [
    await verdict({ displayName: 'CONG AN', number: '0987000001' }),
    await verdict({ displayName: 'Nguyễn Văn An', number: '0987000001' }),
    await verdict({ displayName: 'Bộ TT&TT', number: seed.registeredE164(0) }),
  ];
  if (got.join() !== 'impersonation,clean,registered') throw new Error(`screening answered ${got.join()}`);
}

// ---------------------------------------------------------------- load

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Waits until every worker of a cluster answers (connections go to workers that are listening). */
async function settle(url, path, keys, ms = 1_500) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await fetch(`${url}${path}`, { headers: { 'x-api-key': keys[0] } })
      .then((r) => r.arrayBuffer())
      .catch(() => undefined);
    await sleep(20);
  }
}

// ---------------------------------------------------------------- registry measurements

async function api(base, method, path, { token, body, apiKey, expect = 200, raw } = {}) {
  const headers = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (apiKey) headers['x-api-key'] = apiKey;
  let payload = body;
  if (body !== undefined && !(body instanceof FormData)) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const res = await fetch(`${base}${path}`, { method, headers, body: payload, signal: AbortSignal.timeout(120_000) });
  if (raw) return res;
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${method} ${path} answered ${res.status} (expected ${expect}): ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

const sessions = new Map();

/**
 * A regulator's token, signed in once per bench (a TOTP code counts once per 30-s step). The registry runs at
 * production settings, so SECOND_FACTOR=required: at its first sign-in the account enrols a factor, as its holder
 * would, and confirms it with the code of now.
 */
async function login(base, who) {
  const cached = sessions.get(who.username);
  if (cached) return cached;
  const signedIn = await api(base, 'POST', '/v1/auth/login', { body: who });
  let token = signedIn.accessToken;
  if (signedIn.secondFactorEnrollmentRequired) {
    const { secret } = await api(base, 'POST', '/v1/auth/totp/enroll', { token });
    // The registry's own code generator (built in dist/, as the services the bench runs).
    const { totpCode } = require('../../dist/apps/registry/src/second-factor/totp');
    const totp = totpCode(secret);
    token = (await api(base, 'POST', '/v1/auth/totp/confirm', { token, body: { totp } })).accessToken;
  }
  sessions.set(who.username, token);
  return token;
}

async function measureApprovals(registry, lookup, base, count, apiKey) {
  const org = base.orgs[0];
  const admin = await login(registry.url, ADMIN);
  const approver = await login(registry.url, APPROVER);
  const pending = [];
  for (let k = 0; k < count; k++) {
    const e164 = `+8494${String(k).padStart(7, '0')}`;
    const n = await api(registry.url, 'POST', `/v1/organizations/${org.id}/numbers`, {
      token: admin,
      expect: 201,
      body: { number: `0${e164.slice(3)}`, brandnameId: org.brandnameId, evidence: 'bench' },
    });
    pending.push({ id: n.id, e164 });
  }
  const times = [];
  for (const { id, e164 } of pending) {
    const start = performance.now();
    await api(registry.url, 'POST', `/v1/numbers/${id}/approve`, { token: approver, body: {} });
    const deadline = Date.now() + 5_000;
    for (;;) {
      const a = await api(lookup.url, 'GET', `/v1/lookup/${encodeURIComponent(e164)}`, { apiKey });
      if (a.verdict === 'brand') break;
      if (Date.now() > deadline) throw new Error(`${e164} not visible on the lookup 5 s after its approval`);
      await sleep(2);
    }
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { count, p50: percentile(times, 50), p99: percentile(times, 99), max: times[times.length - 1] };
}

async function measureBatch(lookup, registered, calls, apiKey) {
  const rnd = mulberry32(7);
  const bodies = [];
  for (let b = 0; b < 20; b++) {
    const numbers = [];
    for (let k = 0; k < 1000; k++) {
      const e164 =
        rnd() < 0.7 ? seed.registeredE164(Math.floor(rnd() * registered)) : `+8498${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`;
      numbers.push(formatted(e164, rnd()));
    }
    bodies.push({ numbers });
  }
  // Time to the last byte of the answer (what a carrier waits for); the check parses it after the clock stops.
  const call = async (body) => {
    const start = performance.now();
    const res = await fetch(`${lookup.url}/v1/lookup/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': apiKey },
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const bytes = await res.arrayBuffer();
    const ms = performance.now() - start;
    if (res.status !== 200 || JSON.parse(Buffer.from(bytes).toString()).results.length !== 1000)
      throw new Error(`batch answered ${res.status}`);
    return ms;
  };
  const texts = bodies.map((b) => JSON.stringify(b));
  for (const text of texts) await call(text); // one round of warm-up (JIT), not timed
  const times = [];
  for (let c = 0; c < calls; c++) times.push(await call(texts[c % texts.length]));
  times.sort((a, b) => a - b);
  return { calls, distinctBodies: bodies.length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measureSnapshot(lookup, apiKey) {
  const start = performance.now();
  const res = await api(lookup.url, 'GET', '/v1/sync/snapshot', { apiKey, raw: true });
  if (res.status !== 200) throw new Error(`snapshot answered ${res.status}`);
  let bytes = 0;
  let lines = 0;
  for await (const chunk of res.body) {
    bytes += chunk.length;
    for (let k = 0; k < chunk.length; k++) if (chunk[k] === 10) lines++;
  }
  return { seconds: (performance.now() - start) / 1000, mb: bytes / 1e6, lines };
}

async function measureImport(registry, base, rows) {
  const org = base.orgs[0];
  const admin = await login(registry.url, ADMIN);
  const lines = ['number,label,direction,allowedOrigins,validFrom,validTo'];
  for (let k = 0; k < rows; k++) {
    const e164 = `+8493${String(k).padStart(7, '0')}`;
    lines.push(`${formatted(e164, (k % 7) / 7)},${org.label},outbound,,,`);
  }
  const csv = `${lines.join('\n')}\n`;
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'numbers.csv');
  const start = performance.now();
  const report = await api(registry.url, 'POST', `/v1/organizations/${org.id}/numbers/import`, { token: admin, body: form });
  const seconds = (performance.now() - start) / 1000;
  if (report.accepted !== rows)
    throw new Error(`import accepted ${report.accepted} of ${rows}: ${JSON.stringify(report.rows?.slice(0, 3))}`);
  return { rows, seconds, mb: csv.length / 1e6 };
}

function measureIndexMemory(dbUrl) {
  const child = startChild('index-memory', ['--expose-gc', join(__dirname, 'index-memory.js')], { DATABASE_URL: dbUrl });
  return child.exited.then(({ code }) => {
    const line = child.output.find((l) => l.startsWith('{'));
    if (code !== 0 || !line) throw new Error(`index-memory failed:\n${child.output.join('\n')}`);
    return JSON.parse(line);
  });
}

// ---------------------------------------------------------------- database

async function reachable(url) {
  const c = new Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function openDatabase() {
  const candidates = process.env.DATABASE_URL ? [process.env.DATABASE_URL] : ['postgresql://postgres@127.0.0.1:5432/postgres'];
  for (const adminUrl of candidates) {
    if (await reachable(adminUrl)) {
      const name = `vbr_bench_${process.pid}`;
      const url = await seed.createDatabase(adminUrl, name);
      const c = new Client({ connectionString: url });
      await c.connect();
      const [{ server_version: version }] = (await c.query('SHOW server_version')).rows;
      await c.end();
      return { url, kind: `PostgreSQL ${version} server (fresh database ${name})`, close: () => seed.dropDatabase(adminUrl, name) };
    }
    if (process.env.DATABASE_URL) log(`DATABASE_URL is not reachable; falling back to the embedded database`);
  }
  const { openEmbeddedDatabase } = require('../../dist/libs/database/src');
  const dir = mkdtempSync(join(os.tmpdir(), 'vbr-bench-pglite-'));
  const db = await openEmbeddedDatabase(dir, (m) => log(m));
  return {
    url: db.url,
    kind: 'EMBEDDED PostgreSQL (PGlite, fallback: no PostgreSQL server reachable)',
    close: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ---------------------------------------------------------------- report

const f0 = (n) => (Number.isFinite(n) ? n.toFixed(0) : 'n/a');
const f2 = (n) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a');

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  log(`mode ${SMOKE ? 'smoke' : 'full'}; building is done by the npm script (dist/ must exist)`);
  if (!existsSync(join(ROOT, 'dist/apps/lookup/src/main.js')) || !existsSync(join(ROOT, 'dist/apps/registry/src/main.js'))) {
    throw new Error('dist/ is missing: run npm run build (npm run bench does)');
  }
  ensureWrk(log);
  const db = await openDatabase();
  const r = { db: db.kind, loadBefore: os.loadavg() };
  const keyDir = mkdtempSync(join(os.tmpdir(), 'vbr-bench-keys-'));
  try {
    log(`database: ${db.kind}`);
    await seed.migrate(db.url);
    const base = await seed.seedBase(db.url);
    // Seeded entries are signed as the registry signs them, with the key the registry is then started with.
    const signer = await seed.seedSigningKey(db.url, keyDir);
    const keys = base.carriers.map((c) => c.key);
    const viettelKey = base.carriers.find((c) => c.code === 'VIETTEL').key;
    let t = performance.now();
    await seed.seedNumbers(db.url, base, 0, CFG.small, log, signer);
    r.seedSmallS = (performance.now() - t) / 1000;
    r.protectedNames = await seed.seedProtectedNames(db.url, signer);

    // ---- 10k: bare node:http vs the lookup at default production settings, then the naive peer
    log(`starting services at ${CFG.small} numbers`);
    const limit = await startBaseline('limit', 'limit-server.js', db.url);
    const lookup = await startLookup('lookup', db.url);
    r.bootSmallMs = lookup.readyMs;
    const paths = requestPool(CFG.poolSize, CFG.small);
    const naive = await startBaseline('naive', 'naive-server.js', db.url);
    // Same JSON from each target for the same number.
    for (const p of paths.slice(0, 20)) {
      const answers = await Promise.all(
        [limit, naive, lookup].map((s) => api(s.url, 'GET', p, { apiKey: keys[0] }).then(({ registryVersion, ...a }) => JSON.stringify(a))),
      );
      if (new Set(answers).size !== 1) throw new Error(`targets disagree on ${p}:\n${answers.join('\n')}`);
    }
    const BARE = 'bare node:http';
    const LOOKUP = 'lookup';
    log(`10k: ${BARE} vs ${LOOKUP}, ${CFG.pairs.pairs} pairs of ${CFG.pairs.seconds} s`);
    r.small = await comparePairs({ name: BARE, url: limit.url }, { name: LOOKUP, url: lookup.url }, paths, keys, CFG.pairs, log);
    log(`10k: naive peer vs ${LOOKUP}, ${CFG.naivePairs} pairs`);
    r.naive = await comparePairs(
      { name: 'naive peer', url: naive.url },
      { name: LOOKUP, url: lookup.url },
      paths,
      keys,
      { ...CFG.pairs, pairs: CFG.naivePairs },
      log,
    );
    await Promise.all([stopChild(naive), stopChild(limit)]);
    await checkScreening(lookup, keys[0]);
    log(`10k: single lookups vs screening on the same lookup service, ${CFG.pairs.pairs} pairs`);
    r.screen = await comparePairs(
      { name: 'single lookup', url: lookup.url },
      { name: 'screening', url: lookup.url, requests: screenPool(CFG.poolSize, CFG.small) },
      paths,
      keys,
      CFG.pairs,
      log,
    );
    log(`10k: single lookups vs screening with a new name every request (no remembered match), ${CFG.pairs.pairs} pairs`);
    r.screenFresh = await comparePairs(
      { name: 'single lookup', url: lookup.url },
      { name: 'screening, new names', url: lookup.url, requests: screenPool(SCREEN_FRESH_POOL, CFG.small, 45, true) },
      paths,
      keys,
      CFG.pairs,
      log,
    );
    await stopChild(lookup);

    // ---- LOOKUP_WORKERS=2 against two bare processes on one port
    log('10k: LOOKUP_WORKERS=2 vs two bare processes');
    const limit2 = await startBaseline('limit-x2', 'limit-server.js', db.url, 2);
    const lookup2 = await startLookup('lookup-x2', db.url, { env: { LOOKUP_WORKERS: '2' } });
    await Promise.all([settle(limit2.url, paths[0], keys), settle(lookup2.url, paths[0], keys)]);
    r.workers = await comparePairs(
      { name: `${BARE} ×2`, url: limit2.url },
      { name: `${LOOKUP} LOOKUP_WORKERS=2`, url: lookup2.url },
      paths,
      keys,
      CFG.pairs,
      log,
    );
    r.workersMetrics = await (await fetch(lookup2.metricsUrl)).text();
    await Promise.all([stopChild(lookup2), stopChild(limit2)]);

    // ---- CPU profile of the lookup under the same load
    const profDir = mkdtempSync(join(os.tmpdir(), 'vbr-bench-prof-'));
    const profiled = await startLookup('lookup-profiled', db.url, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '-r', join(__dirname, 'exit-on-usr2.js')],
    });
    log('profiling the lookup (--cpu-prof) under the same load');
    await comparePairs(
      { name: 'profiled', url: profiled.url },
      { name: 'profiled again', url: profiled.url },
      paths,
      keys,
      { pairs: 1, seconds: CFG.profileS, warmup: 1 },
      () => undefined,
    );
    await stopChild(profiled, 'SIGUSR2');
    const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    r.profile = prof ? summarize(join(profDir, prof), 15) : null;
    rmSync(profDir, { recursive: true, force: true });

    let measured;
    let registered = CFG.small;
    if (CFG.large) {
      log(`seeding up to ${CFG.large} numbers`);
      t = performance.now();
      await seed.seedNumbers(db.url, base, CFG.small, CFG.large, log, signer);
      r.seedLargeS = (performance.now() - t) / 1000;
      registered = CFG.large;
      log('index memory (separate process, LookupIndex.load on the published rows)');
      r.memory = await measureIndexMemory(db.url);
      log('starting the lookup at 1M: time to /health/ready');
      measured = await startLookup('lookup-1m', db.url);
      r.bootLargeMs = measured.readyMs;
      const bigLimit = await startBaseline('limit-1m', 'limit-server.js', db.url);
      const bigPaths = requestPool(CFG.poolSize, CFG.large, 43);
      log(`1M: ${BARE} vs ${LOOKUP}`);
      r.large = await comparePairs({ name: BARE, url: bigLimit.url }, { name: LOOKUP, url: measured.url }, bigPaths, keys, CFG.pairs, log);
      await stopChild(bigLimit);
      await stopChild(measured);
    } else {
      r.memory = await measureIndexMemory(db.url);
    }
    // Batch, snapshot and approvals: the same production settings, but the rate limit off, since it counts each
    // number of a batch (a carrier's default 10,000 numbers/s is ten batches of 1,000 a second).
    measured = await startLookup('lookup-batch', db.url, { env: { LOOKUP_RATE_LIMIT_RPS: '0' } });

    // ---- registry: approvals, import; lookup: batch, snapshot
    const registryPort = await freePort();
    const registry = startChild(
      'registry',
      ['dist/apps/registry/src/main.js'],
      serviceEnv(db.url, {
        REGISTRY_PORT: String(registryPort),
        LOG_LEVEL: 'warn',
        BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
        SIGNING_KEY_FILE: signer.file,
      }),
    );
    registry.url = `http://127.0.0.1:${registryPort}`;
    await waitReady(registry, `${registry.url}/health/ready`);
    const adminToken = await login(registry.url, ADMIN);
    await api(registry.url, 'POST', '/v1/users', { token: adminToken, expect: 201, body: { ...APPROVER, role: 'regulator' } });

    log(`batch of 1,000: ${CFG.batches} calls`);
    r.batch = await measureBatch(measured, registered, CFG.batches, viettelKey);
    log('snapshot');
    r.snapshot = await measureSnapshot(measured, viettelKey);
    log(`approval → visible: ${CFG.approvals} numbers`);
    r.approvals = await measureApprovals(registry, measured, base, CFG.approvals, viettelKey);
    log(`CSV import of ${CFG.importRows} rows`);
    r.import = await measureImport(registry, base, CFG.importRows);
  } finally {
    await Promise.all([...children].map((c) => stopChild(c)));
    await db.close().catch((err) => log(`could not drop the bench database: ${err.message}`));
    rmSync(keyDir, { recursive: true, force: true });
  }
  r.totalS = (Date.now() - started) / 1000;
  r.loadAfter = os.loadavg();
  return r;
}

function pairsTable(c) {
  const out = [
    `| Pair | ${c.reference} req/s | ${c.reference} p99 ms | ${c.subject} req/s | ${c.subject} p99 ms | req/s ratio | p99 ratio | non-2xx | errors |`,
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  c.rows.forEach((row, k) => {
    out.push(
      `| ${k + 1} | ${f0(row.ref.rps)} | ${f2(row.ref.p99)} | ${f0(row.sub.rps)} | ${f2(row.sub.p99)} | ${f2(row.rps)}× | ${f2(row.p99)}× | ${row.ref.non2xx + row.sub.non2xx} | ${row.ref.errors + row.sub.errors} |`,
    );
  });
  out.push(
    `| **median** | ${f0(c.refRps)} | ${f2(c.refP99)} | ${f0(c.subRps)} | ${f2(c.subP99)} | **${f2(c.rpsRatio)}×** | **${f2(c.p99Ratio)}×** | | |`,
  );
  return out.join('\n');
}

function report(r) {
  const cpu = os.cpus();
  const lines = [];
  lines.push(`# Lookup benchmark${SMOKE ? ' (SMOKE MODE: harness check, figures not meaningful)' : ''}`, '');
  lines.push(`- Date: ${new Date().toISOString()}; commit \`${gitCommit()}\``);
  lines.push(`- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} (load generator, services and database share them)`);
  lines.push(`- Node: ${process.version}, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`);
  lines.push(`- Database: ${r.db}`);
  lines.push(
    `- Machine load average (1/5/15 min) at start ${r.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, at end ${r.loadAfter.map((l) => l.toFixed(2)).join(' / ')} ` +
      `on ${cpu.length} cores: anything above what the bench itself adds means other work shared the CPU and the figures are noisy (the ratios of alternated pairs are the robust figures).`,
  );
  lines.push(
    `- Load: \`wrk -t1 -c${CONNECTIONS}\` (${wrkVersion()}), ${CFG.pairs.warmup} s warm-up per target, then ${CFG.pairs.pairs} pairs of ${CFG.pairs.seconds} s runs alternated ` +
      `(reference first in odd pairs, second in even ones); each ratio is the median of the pairs' ratios. Requests built once in wrk's Lua init from a pool of ${CFG.poolSize} paths: ` +
      `70% registered numbers in mixed formats (+84…, 84…, 0…, spaces, dots; percent-encoded), 25% unregistered, 5% registered with ?origin=VIETTEL; real API keys (X-Api-Key) of 8 carriers spread over requests.`,
  );
  lines.push(
    `- Lookup service at default production settings: \`NODE_ENV=production\`, default \`LOG_LEVEL\` (info) and \`LOOKUP_ACCESS_LOG\` (off), ` +
      `auth, rate limit (\`LOOKUP_RATE_LIMIT_RPS\` default 10,000 per carrier per worker; 8 carriers) and metrics on. ` +
      `Bare node:http: its own process, the same LookupIndex Map and phone parser, the same JSON body, no auth/limit/metrics/logs. Naive peer: Express 5 + pg (pool 10), one SELECT per request.`,
  );
  lines.push(`- Latency: wrk's, per request, 2xx and non-2xx alike (there were none; see the tables).`, '');
  lines.push('## Single lookups at 10,000 numbers: bare node:http vs lookup', '', pairsTable(r.small), '');
  if (r.large) lines.push('## Single lookups at 1,000,000 numbers: bare node:http vs lookup', '', pairsTable(r.large), '');
  lines.push(
    '## LOOKUP_WORKERS=2 against two bare node:http processes (node:cluster, one port), 10,000 numbers',
    '',
    pairsTable(r.workers),
    '',
  );
  lines.push('## Naive peer (Express + pg) vs lookup, 10,000 numbers', '', pairsTable(r.naive), '');
  lines.push(
    `## Screening (POST /v1/screen) vs single lookups on the same lookup service, 10,000 numbers, ${r.protectedNames} protected names`,
    '',
    pairsTable(r.screen),
    '',
  );
  if (r.screenFresh) {
    lines.push(
      `## Screening with a new name every request (${SCREEN_FRESH_POOL.toLocaleString('en')} distinct names, more than the lookup remembers) vs single lookups`,
      '',
      pairsTable(r.screenFresh),
      '',
    );
  }
  const T = [];
  const s = r.small;
  T.push([
    'Lookup req/s ≥ 0.80× bare node:http (10k)',
    `${f2(s.rpsRatio)}× (median of ${s.rows.length} pairs; ${f0(s.subRps)} vs ${f0(s.refRps)})`,
    s.rpsRatio >= 0.8,
  ]);
  T.push(['Lookup p99 ≤ 1.5× bare p99 (10k)', `${f2(s.p99Ratio)}× (${f2(s.subP99)} ms vs ${f2(s.refP99)} ms)`, s.p99Ratio <= 1.5]);
  if (r.large) {
    const l = r.large;
    T.push(['Lookup req/s ≥ 0.80× bare node:http (1M)', `${f2(l.rpsRatio)}× (${f0(l.subRps)} vs ${f0(l.refRps)})`, l.rpsRatio >= 0.8]);
    T.push(['Lookup p99 ≤ 1.5× bare p99 (1M)', `${f2(l.p99Ratio)}× (${f2(l.subP99)} ms vs ${f2(l.refP99)} ms)`, l.p99Ratio <= 1.5]);
    const change = l.rpsRatio / s.rpsRatio - 1;
    T.push([
      '1M within 10% of 10k (ratio to bare)',
      `${f2(l.rpsRatio)}× vs ${f2(s.rpsRatio)}× (${(100 * change).toFixed(1)}%; raw ${f0(l.subRps)} vs ${f0(s.subRps)} req/s)`,
      change >= -0.1,
    ]);
  }
  const w = r.workers;
  T.push([
    'LOOKUP_WORKERS=2 req/s ≥ 0.80× two bare processes',
    `${f2(w.rpsRatio)}× (${f0(w.subRps)} vs ${f0(w.refRps)})`,
    w.rpsRatio >= 0.8,
  ]);
  T.push(['LOOKUP_WORKERS=2 p99 ≤ 1.5× bare p99', `${f2(w.p99Ratio)}× (${f2(w.subP99)} ms vs ${f2(w.refP99)} ms)`, w.p99Ratio <= 1.5]);
  T.push([
    'Lookup req/s ≥ 5× naive peer',
    `${f2(r.naive.rpsRatio)}× (${f0(r.naive.subRps)} vs ${f0(r.naive.refRps)})`,
    r.naive.rpsRatio >= 5,
  ]);
  T.push([
    'Screening req/s ≥ 0.80× single lookups (same service, same run)',
    `${f2(r.screen.rpsRatio)}× (${f0(r.screen.subRps)} vs ${f0(r.screen.refRps)})`,
    r.screen.rpsRatio >= 0.8,
  ]);
  if (r.screenFresh) {
    T.push([
      'Screening req/s ≥ 0.80× single lookups, every name new (second figure: no remembered match)',
      `${f2(r.screenFresh.rpsRatio)}× (${f0(r.screenFresh.subRps)} vs ${f0(r.screenFresh.refRps)})`,
      r.screenFresh.rpsRatio >= 0.8,
    ]);
  }
  T.push([
    `Batch of 1,000 p99 ≤ 25 ms (${r.batch.calls} calls)`,
    `p50 ${f2(r.batch.p50)} ms, p99 ${f2(r.batch.p99)} ms`,
    r.batch.p99 <= 25,
  ]);
  T.push([
    `Index ≤ 250 bytes per entry (${r.memory.count} entries)`,
    `${f0(r.memory.heapBytesPerEntry)} B heap (${f0(r.memory.rssBytesPerEntry)} B RSS)`,
    r.memory.heapBytesPerEntry <= 250,
  ]);
  if (r.bootLargeMs)
    T.push([
      'Index load (start → /health/ready at 1M) ≤ 20 s',
      `${f2(r.bootLargeMs / 1000)} s (boot at 10k: ${f2(r.bootSmallMs / 1000)} s)`,
      r.bootLargeMs <= 20_000,
    ]);
  T.push([
    `Approval → visible p99 ≤ 1 s (${r.approvals.count} approvals)`,
    `p50 ${f0(r.approvals.p50)} ms, p99 ${f0(r.approvals.p99)} ms`,
    r.approvals.p99 <= 1000,
  ]);
  T.push([
    `Snapshot ≤ 10 s (${r.snapshot.lines - 2} numbers)`,
    `${f2(r.snapshot.seconds)} s, ${f2(r.snapshot.mb)} MB`,
    r.snapshot.seconds <= 10,
  ]);
  T.push([`CSV import of ${r.import.rows} rows ≤ 30 s`, `${f2(r.import.seconds)} s (${f2(r.import.mb)} MB)`, r.import.seconds <= 30]);
  lines.push('## Targets', '', '| Target | Measured | Verdict |', '|---|---|---|');
  for (const [name, measured, ok] of T) lines.push(`| ${name} | ${measured} | ${ok ? '**met**' : '**missed**'} |`);
  lines.push('');
  const answered = /lookup_answers_total\{[^}]*\} \d/.test(r.workersMetrics ?? '');
  lines.push('## Other measurements', '');
  lines.push(
    `- /metrics of the LOOKUP_WORKERS=2 service after its runs (aggregated across workers): ${answered ? 'lookup_answers_total present' : 'lookup_answers_total MISSING'}; ${f0(workerRequests(r.workersMetrics))} lookups counted on http_request_duration_seconds.`,
  );
  lines.push(
    `- Seeding (bulk INSERT … SELECT FROM generate_series, then each entry signed with ES256 as the registry signs it, key given to the registry as SIGNING_KEY_FILE): ${f2(r.seedSmallS)} s for 10,000 numbers${r.seedLargeS ? `, ${f2(r.seedLargeS)} s for the next ${CFG.large - CFG.small}` : ''}.`,
  );
  lines.push(
    `- Index memory: measured in a separate process (\`--expose-gc\`) loading published_numbers with LookupIndex.loadSigned (entries and their JWS): heap delta ${f0(r.memory.heapBytesPerEntry)} B/entry, RSS delta ${f0(r.memory.rssBytesPerEntry)} B/entry; query + JSON ${f0(r.memory.queryMs)} ms, index build ${f0(r.memory.buildMs)} ms. With LOOKUP_WORKERS=n each worker holds its own index: n × this.`,
  );
  lines.push(
    `- Batch bodies: ${r.batch.distinctBodies} distinct bodies of 1,000 numbers (70% registered, mixed formats) cycled, so most inputs miss the phone parser cache; one connection, sequential calls, after one untimed round of the ${r.batch.distinctBodies} bodies; each call timed from sending to the answer's last byte.`,
  );
  lines.push(
    `- Approval → visible: each number created pending through the registry API, then approved by a second regulator (\`POST /v1/numbers/:id/approve\`); timed from sending the approval until the lookup answers \`brand\` (polled every ~2 ms). Max ${f0(r.approvals.max)} ms.`,
  );
  lines.push(
    `- CSV import: \`POST /v1/organizations/:id/numbers/import\` (multipart \`file\`), all rows accepted, into a registry already holding ${r.large ? '1,000,000' : '10,000'} numbers; each published entry is signed (ES256) in the publishing transaction.`,
    `- Snapshot: every line carries its JWS and the stream ends with the trailer, whose signature the registry makes (the lookup waits for it).`,
    `- Screening: ${CFG.poolSize} bodies cycled over ${SCREEN_NAMES.length} display names (impersonating spellings of protected state names, ordinary names and the seeded organizations' own: the lookup remembers each name's match, so after the first pass a name costs a map lookup; the second table's ${SCREEN_FRESH_POOL.toLocaleString('en')} bodies each carry a new name, more than it remembers); 70% with a registered number in mixed formats, 25% unregistered, 5% a sender ID alone), against the single-lookup pool above, on one lookup service at default production settings; the list is the migration's seed, published signed as the registry does at its first start.`,
    '',
  );
  if (r.profile) {
    lines.push(
      `## CPU profile of the lookup (10k numbers, same load, \`--cpu-prof\`; ${f0(r.profile.totalMs)} ms sampled, top self time)`,
      '',
    );
    lines.push('| self % | self ms | function |', '|---:|---:|---|');
    for (const p of r.profile.rows) lines.push(`| ${p.pct.toFixed(1)} | ${f0(p.ms)} | \`${p.name.replace(/\|/g, '\\|')}\` |`);
    lines.push('');
  }
  lines.push(`Total bench run time: ${f0(r.totalS)} s.`, '');
  return lines.join('\n');
}

function workerRequests(text) {
  let total = 0;
  for (const m of (text ?? '').matchAll(/http_request_duration_seconds_count\{route="\/v1\/lookup\/:number",status="200"\} (\d+)/g))
    total += Number(m[1]);
  return total;
}

function gitCommit() {
  try {
    return require('node:child_process').execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT }).toString().trim();
  } catch {
    return 'unknown';
  }
}

function wrkVersion() {
  const out = require('node:child_process').spawnSync('wrk', ['--version']).stdout?.toString() ?? '';
  return out.split('\n')[0].split(' Copyright')[0].trim() || 'wrk';
}

function checkHarness(r) {
  const problems = [];
  for (const [group, c] of [
    ['10k', r.small],
    ['1M', r.large],
    ['workers', r.workers],
    ['naive', r.naive],
    ['screen', r.screen],
    ['screen, new names', r.screenFresh],
  ]) {
    if (!c) continue;
    for (const row of c.rows) {
      for (const [name, m] of [
        [c.reference, row.ref],
        [c.subject, row.sub],
      ]) {
        if (!(m.ok > 0)) problems.push(`${group} ${name}: no 2xx answers`);
        if (m.non2xx + m.errors > 0.01 * (m.ok + m.non2xx + m.errors))
          problems.push(`${group} ${name}: ${m.non2xx} non-2xx, ${m.errors} errors`);
      }
    }
  }
  return problems;
}

if (require.main === module) {
  process.on('SIGINT', async () => {
    log('interrupted: stopping children');
    await Promise.all([...children].map((c) => stopChild(c)));
    process.exit(130);
  });

  main()
    .then((r) => {
      const md = report(r);
      console.log(`\n${md}`);
      const out = SMOKE ? join(os.tmpdir(), `vbr-bench-RESULTS-smoke-${process.pid}.md`) : join(__dirname, 'RESULTS.md');
      writeFileSync(out, md);
      log(`written ${out}`);
      const problems = checkHarness(r);
      if (problems.length) {
        console.error(`Harness problems:\n  ${problems.join('\n  ')}`);
        process.exit(1);
      }
      process.exit(0);
    })
    .catch((err) => {
      console.error(`bench failed: ${err.stack ?? err}`);
      process.exit(1);
    });
}

module.exports = {
  startLookup,
  startBaseline,
  stopChild,
  requestPool,
  screenPool,
  openDatabase,
  children,
  summarize,
  median,
  measureBatch,
};
