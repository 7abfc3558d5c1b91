'use strict';
/** Top self-time functions of a V8 .cpuprofile: node test/bench/profile-summary.js file.cpuprofile [top]. */
const { readFileSync } = require('node:fs');
const { relative } = require('node:path');

function summarize(file, top = 15) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byId.get(profile.samples[i]);
    if (!node) continue;
    const f = node.callFrame;
    const where = f.url ? `${relative(process.cwd(), f.url.replace(/^file:\/\//, ''))}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'} ${where}`.trim();
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return { totalMs: total / 1000, rows: rows.map(([name, us]) => ({ name, ms: us / 1000, pct: (100 * us) / total })) };
}

module.exports = { summarize };

if (require.main === module) {
  const { totalMs, rows } = summarize(process.argv[2], Number(process.argv[3] ?? 15));
  console.log(`total sampled ${totalMs.toFixed(0)} ms`);
  for (const r of rows) console.log(`${r.pct.toFixed(1).padStart(5)}%  ${r.ms.toFixed(0).padStart(7)} ms  ${r.name}`);
}
