#!/usr/bin/env node
// `npm start`: both built services in this terminal. Each child inherits the terminal itself, so LOG_FORMAT=auto
// (the default) gives pretty lines in a terminal outside production and JSON lines anywhere else
// (NODE_ENV=production, a pipe, a file); an explicit LOG_FORMAT is passed through as it is.
'use strict';
const { spawn } = require('node:child_process');
const { join } = require('node:path');

const apps = ['registry', 'lookup'];
const children = apps.map((app) =>
  spawn(process.execPath, [join(__dirname, '..', 'dist', 'apps', app, 'src', 'main.js')], { stdio: 'inherit' }),
);
let stopping = false;

function stopAll(signal) {
  stopping = true;
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill(signal);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stopAll(signal));

let remaining = children.length;
let exitCode = 0;
children.forEach((child, i) => {
  child.on('exit', (code, signal) => {
    remaining -= 1;
    const failed = !stopping && (code !== 0 || signal !== null);
    if (failed) {
      console.error(`${apps[i]} exited (${signal ?? `code ${code}`}); stopping the other service`);
      exitCode = code || 1;
      stopAll('SIGTERM');
    }
    if (remaining === 0) process.exit(exitCode);
  });
});
