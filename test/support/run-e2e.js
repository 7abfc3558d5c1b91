#!/usr/bin/env node
// The database tiers, medium and e2e, in one jest run: TEST_WORKERS worker processes (default: two more than the
// cores, since several e2e suites mostly wait, on timers, processes and SIP), each taking the next file as it frees
// up, the longest first (test/support/test-sequencer.js). Each worker has a database of its own for the e2e suites;
// the medium suites share one (test/support/global-setup.ts).
// Arguments go to jest: test paths or patterns, any jest option; `--selectProjects medium` (or e2e) for one tier.
const { spawn } = require('node:child_process');
const { availableParallelism } = require('node:os');

const TIERS = new Set(['unit', 'medium', 'e2e']);
let projects = ['medium', 'e2e'];
const rest = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--selectProjects') {
    projects = [];
    while (TIERS.has(args[i + 1])) projects.push(args[++i]);
  } else {
    rest.push(args[i]);
  }
}
// The workers option (ours or the caller's) comes right after the projects: it ends their list, so that test paths
// stay paths.
const workerArgs = [];
for (let i = 0; i < rest.length; i++) {
  const a = rest[i];
  if (a === '--runInBand' || a === '-i' || /^(--maxWorkers|-w)=/.test(a)) workerArgs.push(...rest.splice(i--, 1));
  else if (a === '--maxWorkers' || a === '-w') workerArgs.push(...rest.splice(i--, 2));
}
const workers = Number(process.env.TEST_WORKERS ?? availableParallelism() + 2);
if (workerArgs.length === 0) workerArgs.push(`--maxWorkers=${workers}`);
const jestArgs = ['--selectProjects', ...projects, ...workerArgs, ...rest];
const child = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...jestArgs], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
