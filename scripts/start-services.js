#!/usr/bin/env node
// `npm start`: both built services in this terminal. Each child inherits the terminal itself, so LOG_FORMAT=auto
// (the default) gives pretty lines in a terminal outside production and JSON lines anywhere else
// (NODE_ENV=production, a pipe, a file); an explicit LOG_FORMAT is passed through as it is.
//
// A service that dies is started again (the other keeps serving: on the embedded database it takes the database
// over, and the restarted one joins it). One that dies three times within a minute stops both: something is wrong
// that a restart will not fix, and the last lines say what.
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const apps = ['registry', 'lookup'];
const RESTART_DELAY_MS = 500;
const CRASH_WINDOW_MS = 60_000;
const MAX_CRASHES = 3;
const children = [];
const crashes = apps.map(() => []);
let stopping = false;
let exitCode = 0;

function start(i) {
  const child = spawn(process.execPath, [join(__dirname, '..', 'dist', 'apps', apps[i], 'src', 'main.js')], { stdio: 'inherit' });
  children[i] = child;
  child.on('exit', (code, signal) => {
    if (stopping) return finish();
    const now = Date.now();
    crashes[i] = [...crashes[i].filter((t) => now - t < CRASH_WINDOW_MS), now];
    if (crashes[i].length >= MAX_CRASHES) {
      console.error(`${apps[i]} exited (${signal ?? `code ${code}`}) ${MAX_CRASHES} times within a minute; stopping the other service`);
      exitCode = code || 1;
      return stopAll('SIGTERM');
    }
    console.error(`${apps[i]} exited (${signal ?? `code ${code}`}); starting it again`);
    setTimeout(() => (stopping ? finish() : start(i)), RESTART_DELAY_MS);
  });
}

function running() {
  return children.filter((c) => c.exitCode === null && c.signalCode === null);
}

function stopAll(signal) {
  stopping = true;
  for (const child of running()) child.kill(signal);
  finish();
}

function finish() {
  if (running().length === 0) process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));
apps.forEach((_, i) => start(i));
