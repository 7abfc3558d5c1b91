'use strict';
/**
 * Run with --expose-gc. Loads published_numbers into a LookupIndex through the same code path as the lookup
 * service (LookupIndex.loadSigned on the rows' JSON entries and their JWS) and prints {count, heapBytesPerEntry, rssBytesPerEntry, loadMs}.
 */
const { Client } = require('pg');
const { LookupIndex } = require('../../dist/libs/domain/src');

async function main() {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  global.gc();
  global.gc();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  let { rows } = await db.query('SELECT entry, jws FROM published_numbers');
  const t1 = performance.now();
  const index = new LookupIndex();
  index.loadSigned(rows, 1);
  const t2 = performance.now();
  // eslint-disable-next-line no-useless-assignment -- drops the rows so the gc below can free them before measuring
  rows = null;
  await db.end();
  global.gc();
  global.gc();
  const mem = process.memoryUsage();
  const count = index.size;
  process.stdout.write(
    JSON.stringify({
      count,
      heapBytesPerEntry: (mem.heapUsed - heap0) / count,
      rssBytesPerEntry: (mem.rss - rss0) / count,
      queryMs: t1 - t0,
      buildMs: t2 - t1,
      keepAlive: index.lookup('+84910000000', Date.now()).verdict,
    }) + '\n',
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
