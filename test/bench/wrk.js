'use strict';
/**
 * Load from wrk (Debian package `wrk`, installed with apt-get when missing): one thread, 50 connections, the
 * requests built once in the Lua init (a pool of paths, the carriers' keys spread over them), figures printed as
 * JSON by the script's done(). Latency is wrk's per-request latency (µs resolution).
 */
const { execFileSync, spawn } = require('node:child_process');
const { mkdtempSync, writeFileSync } = require('node:fs');
const os = require('node:os');
const { join } = require('node:path');

function ensureWrk(log) {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (err) {
    if (err.code !== 'ENOENT') return; // wrk --version exits 1 after printing its version
    log('wrk is missing: apt-get install -y wrk');
    execFileSync('sh', ['-c', 'apt-get install -y -qq wrk || (apt-get update -qq && apt-get install -y -qq wrk)'], { stdio: 'inherit' });
  }
}

const luaString = (s) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;

/**
 * A Lua script sending the pool's requests in turn, key k % keys for request k. A request is a path (GET) or
 * `{method, path, body}` (a JSON body).
 */
function script(requests, keys) {
  const dir = mkdtempSync(join(os.tmpdir(), 'vbr-wrk-'));
  const file = join(dir, 'pool.lua');
  const defs = requests.map((r) =>
    typeof r === 'string' ? `{"GET",${luaString(r)}}` : `{${luaString(r.method)},${luaString(r.path)},${luaString(r.body)}}`,
  );
  writeFileSync(
    file,
    `local defs = {${defs.join(',')}}
local keys = {${keys.map(luaString).join(',')}}
local reqs = {}
local n = 0
init = function(args)
  for i, d in ipairs(defs) do
    local h = { ["X-Api-Key"] = keys[(i % #keys) + 1] }
    if d[3] then h["Content-Type"] = "application/json" end
    reqs[i] = wrk.format(d[1], d[2], h, d[3])
  end
  n = math.random(#reqs)
end
request = function()
  n = (n % #reqs) + 1
  return reqs[n]
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"us":%d,"status":%d,"connect":%d,"read":%d,"write":%d,"timeout":%d,"p50":%f,"p99":%f,"p999":%f}\\n',
    summary.requests, summary.duration, e.status, e.connect, e.read, e.write, e.timeout,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
`,
  );
  return file;
}

/** One wrk run against `url` for `seconds`: req/s of 2xx answers and latency percentiles in ms. */
function run(url, scriptFile, seconds, connections = 50) {
  return new Promise((resolve, reject) => {
    const proc = spawn('wrk', ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptFile, url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    proc.stdout.on('data', (d) => (out += d));
    proc.stderr.on('data', (d) => (out += d));
    proc.once('error', reject);
    proc.once('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('WRK_JSON '));
      if (code !== 0 || !line) return reject(new Error(`wrk failed (${code}):\n${out}`));
      const r = JSON.parse(line.slice(9));
      const errors = r.connect + r.read + r.write + r.timeout;
      const ok = r.requests - r.status;
      resolve({
        seconds: r.us / 1e6,
        ok,
        non2xx: r.status,
        errors,
        rps: ok / (r.us / 1e6),
        p50: r.p50 / 1000,
        p99: r.p99 / 1000,
        p999: r.p999 / 1000,
      });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * `pairs` alternated pairs of runs, reference then subject (the order swapped every other pair, so drift in
 * the machine's load falls on both alike); each ratio is the median of the pairs' ratios. A target with its own
 * `requests` sends those instead of `paths` (screening against lookups on one service).
 */
async function comparePairs(reference, subject, paths, keys, { pairs, seconds, warmup }, log) {
  const shared = script(paths, keys);
  const files = new Map([reference, subject].map((t) => [t.name, t.requests ? script(t.requests, keys) : shared]));
  for (const t of [reference, subject]) await run(t.url, files.get(t.name), warmup);
  const rows = [];
  for (let p = 0; p < pairs; p++) {
    const order = p % 2 === 0 ? [reference, subject] : [subject, reference];
    const got = {};
    for (const t of order) got[t.name] = await run(t.url, files.get(t.name), seconds);
    const ref = got[reference.name];
    const sub = got[subject.name];
    rows.push({ ref, sub, rps: sub.rps / ref.rps, p99: sub.p99 / ref.p99 });
    log(
      `  pair ${p + 1}: ${reference.name} ${ref.rps.toFixed(0)} req/s p99 ${ref.p99.toFixed(2)} ms; ${subject.name} ${sub.rps.toFixed(0)} req/s p99 ${sub.p99.toFixed(2)} ms (${(sub.rps / ref.rps).toFixed(2)}×, p99 ${(sub.p99 / ref.p99).toFixed(2)}×)`,
    );
  }
  return {
    reference: reference.name,
    subject: subject.name,
    rows,
    rpsRatio: median(rows.map((r) => r.rps)),
    p99Ratio: median(rows.map((r) => r.p99)),
    refRps: median(rows.map((r) => r.ref.rps)),
    subRps: median(rows.map((r) => r.sub.rps)),
    refP99: median(rows.map((r) => r.ref.p99)),
    subP99: median(rows.map((r) => r.sub.p99)),
  };
}

module.exports = { ensureWrk, comparePairs, median };
