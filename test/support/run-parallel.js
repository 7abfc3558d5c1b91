#!/usr/bin/env node
// Runs npm scripts side by side, as many at once as there are cores, the given order being the order they start
// in (put the longest first); each script's output is printed whole when it ends. Exits non-zero if any failed,
// after all have ended. `npm test` runs its checks (types, lint, unit, console, build) this way before the
// database tiers: each is single-threaded, so two at a time on two cores take half as long.
const { spawn } = require('node:child_process');
const { availableParallelism } = require('node:os');

const scripts = process.argv.slice(2);
const slots = Math.max(1, Number(process.env.TEST_PARALLEL ?? availableParallelism()));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const started = Date.now();
const failed = [];
let next = 0;

function run(script) {
  return new Promise((resolve) => {
    const t = Date.now();
    const child = spawn(npm, ['run', '--silent', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '0' },
    });
    const out = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => out.push(d));
    child.on('close', (code, signal) => {
      const took = ((Date.now() - t) / 1000).toFixed(1);
      process.stdout.write(`\n===== npm run ${script}: ${code === 0 ? 'ok' : `FAILED (${code ?? signal})`}, ${took} s =====\n`);
      process.stdout.write(Buffer.concat(out));
      if (code !== 0) failed.push(script);
      resolve();
    });
  });
}

async function worker() {
  while (next < scripts.length) await run(scripts[next++]);
}

Promise.all(Array.from({ length: Math.min(slots, scripts.length) }, worker)).then(() => {
  const took = Math.round((Date.now() - started) / 1000);
  console.log(failed.length ? `\n${failed.join(', ')} failed (${took} s)` : `\n${scripts.join(', ')}: all passed (${took} s)`);
  process.exit(failed.length ? 1 : 0);
});
