'use strict';
/**
 * npm run bench [-- --smoke]: the lookup service against the machine's limit (bare node:http + Map) and a naive
 * peer (Express + pg, one SELECT per request), plus index memory and load time at 1M, approval → visible,
 * batch, snapshot and CSV import through the registry. Full mode writes test/bench/RESULTS.md; --smoke (10k
 * numbers, a few seconds per case, no 1M) writes to a temp file and only checks the harness works.
 * Everything listens on and targets 127.0.0.1 only; every load loop is bounded in time.
 */
const { spawn } = require('node:child_process');
const { mkdtempSync, readdirSync, rmSync, writeFileSync, existsSync } = require('node:fs');
const { createServer } = require('node:net');
const os = require('node:os');
const { join } = require('node:path');
const autocannon = require('autocannon');
const { Client } = require('pg');
const seed = require('./seed');
const { summarize } = require('./profile-summary');

const ROOT = join(__dirname, '..', '..');
const SMOKE = process.argv.includes('--smoke');
const CFG = SMOKE
  ? { small: 10_000, large: 0, duration: 2, warmup: 1, rounds: 1, approvals: 5, batches: 10, importRows: 2_000, poolSize: 2_000 }
  : { small: 10_000, large: 1_000_000, duration: 10, warmup: 3, rounds: 2, approvals: 100, batches: 200, importRows: 100_000, poolSize: 4_000 };
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

function serviceEnv(dbUrl, extra) {
  return {
    DATABASE_URL: dbUrl,
    NODE_ENV: 'production',
    JWT_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOG_FORMAT: 'json',
    DB_MIGRATIONS_RUN: 'false',
    ...extra,
  };
}

async function startLookup(name, dbUrl, { logLevel = 'warn', nodeArgs = [] } = {}) {
  const port = await freePort();
  const child = startChild(name, [...nodeArgs, 'dist/apps/lookup/src/main.js'], serviceEnv(dbUrl, { LOOKUP_PORT: String(port), LOG_LEVEL: logLevel }));
  child.url = `http://127.0.0.1:${port}`;
  child.readyMs = await waitReady(child, `${child.url}/health/ready`);
  return child;
}

async function startBaseline(name, script, dbUrl) {
  const port = await freePort();
  const child = startChild(name, [join(__dirname, script)], { DATABASE_URL: dbUrl, PORT: String(port) });
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
    case 0: return e164;
    case 1: return e164.slice(1); // 84…
    case 2: return nat;
    case 3: return `${nat.slice(0, 3)} ${nat.slice(3, 6)} ${nat.slice(6)}`;
    case 4: return `${nat.slice(0, 3)}.${nat.slice(3, 6)}.${nat.slice(6)}`;
    case 5: return `+84 ${nsn.slice(0, 2)} ${nsn.slice(2, 5)} ${nsn.slice(5)}`;
    default: return `${nat.slice(0, 4)} ${nat.slice(4, 7)} ${nat.slice(7)}`;
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

// ---------------------------------------------------------------- load

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** One autocannon run: 50 connections, real keys spread over carriers, paths from the pool. */
async function load(url, paths, keys, seconds) {
  let i = Math.floor(Math.random() * paths.length);
  const headers = keys.map((k) => ({ 'x-api-key': k }));
  const latencies = [];
  let ok = 0;
  let non2xx = 0;
  const instance = autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          i = (i + 1) % paths.length;
          req.path = paths[i];
          req.headers = headers[i % headers.length];
          return req;
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    if (status >= 200 && status < 300) {
      ok++;
      latencies.push(ms);
    } else non2xx++;
  });
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    seconds: result.duration,
    ok,
    non2xx,
    errors: result.errors + result.timeouts,
    latencies,
  };
}

function merge(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const seconds = runs.reduce((s, r) => s + r.seconds, 0);
  const ok = runs.reduce((s, r) => s + r.ok, 0);
  return {
    rps: ok / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    p999: percentile(latencies, 99.9),
    ok,
    non2xx: runs.reduce((s, r) => s + r.non2xx, 0),
    errors: runs.reduce((s, r) => s + r.errors, 0),
  };
}

/** Warm-up of each target, then `rounds` alternating runs (order rotated each round). */
async function compare(targets, paths, keys) {
  for (const t of targets) {
    log(`warm-up ${t.name}`);
    await load(t.url, paths, keys, CFG.warmup);
  }
  const runs = new Map(targets.map((t) => [t.name, []]));
  for (let r = 0; r < CFG.rounds; r++) {
    const order = targets.map((_, k) => targets[(k + r) % targets.length]);
    for (const t of order) {
      const run = await load(t.url, paths, keys, CFG.duration);
      log(`  ${t.name}: ${(run.ok / run.seconds).toFixed(0)} req/s (2xx), non-2xx ${run.non2xx}, errors ${run.errors}`);
      runs.get(t.name).push(run);
    }
  }
  return new Map([...runs].map(([name, rs]) => [name, merge(rs)]));
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

async function login(base, who) {
  return (await api(base, 'POST', '/v1/auth/login', { body: who })).accessToken;
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
      const e164 = rnd() < 0.7 ? seed.registeredE164(Math.floor(rnd() * registered)) : `+8498${String(Math.floor(rnd() * 1e7)).padStart(7, '0')}`;
      numbers.push(formatted(e164, rnd()));
    }
    bodies.push({ numbers });
  }
  const times = [];
  for (let c = 0; c < calls; c++) {
    const start = performance.now();
    const res = await api(lookup.url, 'POST', '/v1/lookup/batch', { apiKey, body: bodies[c % bodies.length] });
    times.push(performance.now() - start);
    if (res.results.length !== 1000) throw new Error('batch answered the wrong number of results');
  }
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
  if (report.accepted !== rows) throw new Error(`import accepted ${report.accepted} of ${rows}: ${JSON.stringify(report.rows?.slice(0, 3))}`);
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
const ratio = (a, b) => (Number.isFinite(a / b) ? `${(a / b).toFixed(2)}×` : 'n/a');

function loadTable(rows, limit) {
  const out = [
    '| Target | req/s | × limit | p50 ms | × limit | p99 ms | × limit | p99.9 ms | × limit | non-2xx | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, m] of rows) {
    out.push(
      `| ${name} | ${f0(m.rps)} | ${ratio(m.rps, limit.rps)} | ${f2(m.p50)} | ${ratio(m.p50, limit.p50)} | ${f2(m.p99)} | ${ratio(m.p99, limit.p99)} | ${f2(m.p999)} | ${ratio(m.p999, limit.p999)} | ${m.non2xx} | ${m.errors} |`,
    );
  }
  return out.join('\n');
}

function verdict(ok, text) {
  return `${ok ? '**met**' : '**missed**'} ${text}`;
}

// ---------------------------------------------------------------- main

async function main() {
  const started = Date.now();
  log(`mode ${SMOKE ? 'smoke' : 'full'}; building is done by the npm script (dist/ must exist)`);
  if (!existsSync(join(ROOT, 'dist/apps/lookup/src/main.js')) || !existsSync(join(ROOT, 'dist/apps/registry/src/main.js'))) {
    throw new Error('dist/ is missing: run npm run build (npm run bench does)');
  }
  const db = await openDatabase();
  const r = { db: db.kind, targets: [], loadBefore: os.loadavg() };
  const live = [];
  try {
    log(`database: ${db.kind}`);
    await seed.migrate(db.url);
    const base = await seed.seedBase(db.url);
    const keys = base.carriers.map((c) => c.key);
    const viettelKey = base.carriers.find((c) => c.code === 'VIETTEL').key;
    let t = performance.now();
    await seed.seedNumbers(db.url, base, 0, CFG.small, log);
    r.seedSmallS = (performance.now() - t) / 1000;

    // ---- 10k: limit, lookup (warn), naive, lookup (info)
    log(`starting services at ${CFG.small} numbers`);
    const limit = await startBaseline('limit', 'limit-server.js', db.url);
    const naive = await startBaseline('naive', 'naive-server.js', db.url);
    const lookup = await startLookup('lookup', db.url);
    const lookupInfo = await startLookup('lookup-info', db.url, { logLevel: 'info' });
    live.push(limit, naive, lookup, lookupInfo);
    r.bootSmallMs = lookup.readyMs;
    const paths = requestPool(CFG.poolSize, CFG.small);
    // Same JSON from each target for the same number.
    for (const p of paths.slice(0, 20)) {
      const answers = await Promise.all(
        [limit, naive, lookup].map((s) => api(s.url, 'GET', p, { apiKey: keys[0] }).then(({ registryVersion, ...a }) => JSON.stringify(a))),
      );
      if (new Set(answers).size !== 1) throw new Error(`targets disagree on ${p}:\n${answers.join('\n')}`);
    }
    const small = await compare(
      [
        { name: 'machine limit (node:http + Map)', url: limit.url },
        { name: 'lookup service (warn logs)', url: lookup.url },
        { name: 'naive peer (Express + pg)', url: naive.url },
        { name: 'lookup service (info logs)', url: lookupInfo.url },
      ],
      paths,
      keys,
    );
    r.small = small;
    await Promise.all([stopChild(naive), stopChild(lookupInfo)]);

    // ---- CPU profile of the lookup under the same load
    const profDir = mkdtempSync(join(os.tmpdir(), 'vbr-bench-prof-'));
    const profiled = await startLookup('lookup-profiled', db.url, {
      nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '-r', join(__dirname, 'exit-on-usr2.js')],
    });
    log('profiling the lookup (--cpu-prof) under the same load');
    await load(profiled.url, paths, keys, CFG.duration);
    await stopChild(profiled, 'SIGUSR2');
    const prof = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
    r.profile = prof ? summarize(join(profDir, prof), 15) : null;
    rmSync(profDir, { recursive: true, force: true });

    let measuredLookup = lookup;
    let registered = CFG.small;
    if (CFG.large) {
      await Promise.all([stopChild(lookup), stopChild(limit)]);
      log(`seeding up to ${CFG.large} numbers`);
      t = performance.now();
      await seed.seedNumbers(db.url, base, CFG.small, CFG.large, log);
      r.seedLargeS = (performance.now() - t) / 1000;
      registered = CFG.large;
      log('index memory (separate process, LookupIndex.load on the published rows)');
      r.memory = await measureIndexMemory(db.url);
      log('starting the lookup at 1M: time to /health/ready');
      const big = await startLookup('lookup-1m', db.url);
      r.bootLargeMs = big.readyMs;
      const bigLimit = await startBaseline('limit-1m', 'limit-server.js', db.url);
      live.push(big, bigLimit);
      const bigPaths = requestPool(CFG.poolSize, CFG.large, 43);
      r.large = await compare(
        [
          { name: 'machine limit (node:http + Map)', url: bigLimit.url },
          { name: 'lookup service (warn logs)', url: big.url },
        ],
        bigPaths,
        keys,
      );
      await stopChild(bigLimit);
      measuredLookup = big;
    } else {
      r.memory = await measureIndexMemory(db.url);
    }

    // ---- registry: approvals, import; lookup: batch, snapshot
    const registryPort = await freePort();
    const registry = startChild(
      'registry',
      ['dist/apps/registry/src/main.js'],
      serviceEnv(db.url, {
        REGISTRY_PORT: String(registryPort),
        BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      }),
    );
    registry.url = `http://127.0.0.1:${registryPort}`;
    live.push(registry);
    await waitReady(registry, `${registry.url}/health/ready`);
    const adminToken = await login(registry.url, ADMIN);
    await api(registry.url, 'POST', '/v1/users', { token: adminToken, expect: 201, body: { ...APPROVER, role: 'regulator' } });

    log(`batch of 1,000: ${CFG.batches} calls`);
    r.batch = await measureBatch(measuredLookup, registered, CFG.batches, viettelKey);
    log('snapshot');
    r.snapshot = await measureSnapshot(measuredLookup, viettelKey);
    log(`approval → visible: ${CFG.approvals} numbers`);
    r.approvals = await measureApprovals(registry, measuredLookup, base, CFG.approvals, viettelKey);
    log(`CSV import of ${CFG.importRows} rows`);
    r.import = await measureImport(registry, base, CFG.importRows);
  } finally {
    await Promise.all([...children].map((c) => stopChild(c)));
    await db.close().catch((err) => log(`could not drop the bench database: ${err.message}`));
  }
  r.totalS = (Date.now() - started) / 1000;
  r.loadAfter = os.loadavg();
  return r;
}

function report(r) {
  const limit = r.small.get('machine limit (node:http + Map)');
  const lk = r.small.get('lookup service (warn logs)');
  const naive = r.small.get('naive peer (Express + pg)');
  const info = r.small.get('lookup service (info logs)');
  const cpu = os.cpus();
  const lines = [];
  lines.push(`# Lookup benchmark${SMOKE ? ' (SMOKE MODE: harness check, figures not meaningful)' : ''}`, '');
  lines.push(`- Date: ${new Date().toISOString()}`);
  lines.push(`- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length} (load generator, services and database share them)`);
  lines.push(`- Node: ${process.version}, ${os.platform()} ${os.release()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM`);
  lines.push(`- Database: ${r.db}`);
  lines.push(
    `- Machine load average (1/5/15 min) at start ${r.loadBefore.map((l) => l.toFixed(2)).join(' / ')}, at end ${r.loadAfter.map((l) => l.toFixed(2)).join(' / ')} ` +
      `on ${cpu.length} cores: anything above what the bench itself adds means other work shared the CPU and the figures are noisy (the ratios to the machine limit, measured alternately in the same run, are the robust figures).`,
  );
  lines.push(
    `- Load: autocannon (programmatic), ${CONNECTIONS} connections, ${CFG.warmup} s warm-up per target, then ${CFG.rounds} alternating runs of ${CFG.duration} s per target; ` +
      `a pool of ${CFG.poolSize} request paths: 70% registered numbers in mixed formats (+84…, 84…, 0…, spaces, dots), 25% unregistered, 5% registered with ?origin=VIETTEL; ` +
      `real API keys (X-Api-Key) of 8 carriers spread over requests.`,
  );
  lines.push(
    `- Lookup service: \`NODE_ENV=production\`, \`LOG_LEVEL=warn\` (request logging off; one run at \`info\` below shows its cost), ` +
      `auth, rate limit (\`LOOKUP_RATE_LIMIT_RPS\` default 10,000 per carrier per instance; 8 carriers) and metrics on. ` +
      `Machine limit: bare node:http + the same LookupIndex Map and phone parser cache, no auth/limit/metrics/logs. Naive peer: Express 5 + pg (pool 10), one SELECT per request.`,
  );
  lines.push(`- Latency: per response, measured by the load generator (2xx only), sub-millisecond resolution.`, '');
  lines.push(`## Single lookups at ${r.seedSmallS !== undefined ? '10,000' : ''} numbers`, '');
  lines.push(loadTable([...r.small], limit), '');
  if (r.large) {
    const bl = r.large.get('machine limit (node:http + Map)');
    lines.push('## Single lookups at 1,000,000 numbers', '');
    lines.push(loadTable([...r.large], bl), '');
  }
  const lg = r.large?.get('lookup service (warn logs)');
  const T = [];
  T.push(['Lookup req/s ≥ 0.6× machine limit', `${ratio(lk.rps, limit.rps)} (${f0(lk.rps)} vs ${f0(limit.rps)})`, lk.rps >= 0.6 * limit.rps, `${f0(0.6 * limit.rps - lk.rps)} req/s short`]);
  T.push(['Lookup req/s ≥ 5× naive peer', `${ratio(lk.rps, naive.rps)}`, lk.rps >= 5 * naive.rps, `${f0(5 * naive.rps - lk.rps)} req/s short`]);
  T.push(['Lookup p99 ≤ 3 ms at 50 connections', `${f2(lk.p99)} ms`, lk.p99 <= 3, `${f2(lk.p99 - 3)} ms over`]);
  if (lg) T.push(['1M req/s within 10% of 10k', `${f0(lg.rps)} vs ${f0(lk.rps)} (${((100 * (lg.rps - lk.rps)) / lk.rps).toFixed(1)}%)`, lg.rps >= 0.9 * lk.rps, `${f0(0.9 * lk.rps - lg.rps)} req/s short`]);
  T.push([`Index ≤ 250 bytes per entry (${r.memory.count} entries)`, `${f0(r.memory.heapBytesPerEntry)} B heap (${f0(r.memory.rssBytesPerEntry)} B RSS)`, r.memory.heapBytesPerEntry <= 250, `${f0(r.memory.heapBytesPerEntry - 250)} B over`]);
  if (r.bootLargeMs) T.push(['Index load (start → /health/ready at 1M) ≤ 20 s', `${f2(r.bootLargeMs / 1000)} s (boot at 10k: ${f2(r.bootSmallMs / 1000)} s)`, r.bootLargeMs <= 20_000, `${f2(r.bootLargeMs / 1000 - 20)} s over`]);
  T.push([`Approval → visible p99 ≤ 1 s (${r.approvals.count} approvals)`, `p50 ${f0(r.approvals.p50)} ms, p99 ${f0(r.approvals.p99)} ms`, r.approvals.p99 <= 1000, `${f0(r.approvals.p99 - 1000)} ms over`]);
  T.push([`Batch of 1,000 p99 ≤ 25 ms (${r.batch.calls} calls)`, `p50 ${f2(r.batch.p50)} ms, p99 ${f2(r.batch.p99)} ms`, r.batch.p99 <= 25, `${f2(r.batch.p99 - 25)} ms over`]);
  T.push([`Snapshot ≤ 10 s (${r.snapshot.lines - 1} numbers)`, `${f2(r.snapshot.seconds)} s, ${f2(r.snapshot.mb)} MB`, r.snapshot.seconds <= 10, `${f2(r.snapshot.seconds - 10)} s over`]);
  T.push([`CSV import of ${r.import.rows} rows ≤ 30 s`, `${f2(r.import.seconds)} s (${f2(r.import.mb)} MB)`, r.import.seconds <= 30, `${f2(r.import.seconds - 30)} s over`]);
  lines.push('## Targets', '', '| Target | Measured | Verdict |', '|---|---|---|');
  for (const [name, measured, ok, miss] of T) lines.push(`| ${name} | ${measured} | ${verdict(ok, ok ? '' : `(${miss})`)} |`);
  lines.push('');
  lines.push(
    `Request logging at \`info\` (one JSON line per request): ${f0(info.rps)} req/s vs ${f0(lk.rps)} at \`warn\` (${((100 * (info.rps - lk.rps)) / lk.rps).toFixed(1)}%), p99 ${f2(info.p99)} ms vs ${f2(lk.p99)} ms.`,
    '',
  );
  lines.push('## Other measurements', '');
  lines.push(`- Seeding (bulk INSERT … SELECT FROM generate_series): ${f2(r.seedSmallS)} s for 10,000 numbers${r.seedLargeS ? `, ${f2(r.seedLargeS)} s for the next ${CFG.large - CFG.small}` : ''}.`);
  lines.push(`- Index memory: measured in a separate process (\`--expose-gc\`) loading published_numbers with LookupIndex.load: heap delta ${f0(r.memory.heapBytesPerEntry)} B/entry, RSS delta ${f0(r.memory.rssBytesPerEntry)} B/entry; query + JSON ${f0(r.memory.queryMs)} ms, index build ${f0(r.memory.buildMs)} ms.`);
  lines.push(`- Batch bodies: ${r.batch.distinctBodies} distinct bodies of 1,000 numbers (70% registered, mixed formats) cycled, so most inputs miss the phone parser cache; one connection, sequential calls.`);
  lines.push(`- Approval → visible: each number created pending through the registry API, then approved by a second regulator (\`POST /v1/numbers/:id/approve\`); timed from sending the approval until the lookup answers \`brand\` (polled every ~2 ms). Max ${f0(r.approvals.max)} ms.`);
  lines.push(`- CSV import: \`POST /v1/organizations/:id/numbers/import\` (multipart \`file\`), all rows accepted, into a registry already holding ${r.large ? '1,000,000' : '10,000'} numbers.`, '');
  if (r.profile) {
    lines.push(`## CPU profile of the lookup (10k numbers, same load, \`--cpu-prof\`; ${f0(r.profile.totalMs)} ms sampled, top self time)`, '');
    lines.push('| self % | self ms | function |', '|---:|---:|---|');
    for (const p of r.profile.rows) lines.push(`| ${p.pct.toFixed(1)} | ${f0(p.ms)} | \`${p.name.replace(/\|/g, '\\|')}\` |`);
    lines.push('');
  }
  lines.push(`Total bench run time: ${f0(r.totalS)} s.`, '');
  return lines.join('\n');
}

function checkHarness(r) {
  const problems = [];
  for (const [group, map] of [['10k', r.small], ['1M', r.large]]) {
    if (!map) continue;
    for (const [name, m] of map) {
      if (!(m.ok > 0)) problems.push(`${group} ${name}: no 2xx answers`);
      if (m.non2xx + m.errors > 0.01 * (m.ok + m.non2xx + m.errors)) problems.push(`${group} ${name}: ${m.non2xx} non-2xx, ${m.errors} errors`);
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

module.exports = { startLookup, startBaseline, stopChild, load, merge, requestPool, openDatabase, children, summarize };
