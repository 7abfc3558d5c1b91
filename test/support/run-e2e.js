#!/usr/bin/env node
// The e2e suites, split across parallel jest processes (E2E_SHARDS, default: 2 where there are 2 cores or more).
// Each shard has its own database (an embedded one, or its own database on the DATABASE_URL server, see
// global-setup.ts) and its own DATA_DIR; a shard's output is printed whole when it ends, so logs stay readable.
// Arguments (test paths, jest options) run one jest process as usual, unsharded.
const { spawn } = require('node:child_process');
const { availableParallelism } = require('node:os');

const args = process.argv.slice(2);
const jest = require.resolve('jest/bin/jest');
const base = ['--selectProjects', 'e2e', '--runInBand'];
const shards = args.length > 0 ? 1 : Number(process.env.E2E_SHARDS ?? Math.min(2, availableParallelism()));

if (shards <= 1) {
  const child = spawn(process.execPath, [jest, ...base, ...args], { stdio: 'inherit' });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  const started = Date.now();
  console.log(`e2e: ${shards} shards in parallel (E2E_SHARDS=1 runs them in one process)`);
  const runs = Array.from({ length: shards }, (_, i) => runShard(i + 1));
  Promise.all(runs).then((codes) => {
    const failed = codes.map((c, i) => (c === 0 ? null : i + 1)).filter(Boolean);
    const took = Math.round((Date.now() - started) / 1000);
    console.log(failed.length ? `e2e: shard(s) ${failed.join(', ')} failed (${took} s)` : `e2e: all ${shards} shards passed (${took} s)`);
    process.exit(failed.length ? 1 : 0);
  });
}

function runShard(index) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [jest, ...base, `--shard=${index}/${shards}`], {
      env: { ...process.env, E2E_SHARD: String(index), FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('exit', (code, signal) => {
      process.stdout.write(`\n===== e2e shard ${index}/${shards} (exit ${code ?? signal}) =====\n`);
      process.stdout.write(Buffer.concat(out));
      resolve(code === 0 ? 0 : 1);
    });
  });
}
