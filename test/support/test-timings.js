// test/support/test-timings.json: the seconds each medium and e2e file took on the embedded database, which
// test/support/test-sequencer.js orders the files by. Written by test/support/timings-reporter.js.
const { existsSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative, sep } = require('node:path');

const FILE = join(__dirname, 'test-timings.json');

function relativePath(rootDir, path) {
  return relative(rootDir, path).split(sep).join('/');
}

function readTimings() {
  try {
    return JSON.parse(readFileSync(FILE, 'utf8'));
  } catch {
    return {};
  }
}

/**
 * Merges one run's seconds into the file and returns what changed. The run's times are first scaled to the file's
 * over the files both have (a busier machine, or more workers, slow every file down alike); an entry is rewritten
 * only when it is new, or off by more than half or double and 10 s, so an ordinary run leaves the file as
 * committed. Files that are gone are dropped. A partial run (a few files, alone on the machine) only adds the files
 * the table lacks.
 */
function recordTimings(rootDir, measured, partial = false) {
  const before = readTimings();
  const common = Object.keys(measured).filter((file) => before[file] !== undefined);
  const sum = (files, table) => files.reduce((total, file) => total + table[file], 0);
  const scale = common.length && sum(common, measured) > 0 ? sum(common, before) / sum(common, measured) : 1;
  const after = {};
  const changed = [];
  for (const [file, seconds] of Object.entries(before)) {
    if (existsSync(join(rootDir, file))) after[file] = seconds;
    else changed.push(`${file} (gone)`);
  }
  for (const [file, seconds] of Object.entries(measured)) {
    const old = after[file];
    const scaled = Math.round(seconds * scale * 10) / 10;
    const far = old !== undefined && Math.abs(scaled - old) > 10 && (scaled > 2 * old || scaled < old / 2);
    if (old === undefined || (!partial && far)) {
      after[file] = scaled;
      changed.push(`${file}: ${old ?? '-'} → ${scaled} s`);
    }
  }
  if (changed.length === 0) return changed;
  const sorted = Object.fromEntries(Object.entries(after).sort(([x], [y]) => (x < y ? -1 : 1)));
  writeFileSync(FILE, `${JSON.stringify(sorted, null, 2)}\n`);
  return changed;
}

module.exports = { readTimings, recordTimings, relativePath };
