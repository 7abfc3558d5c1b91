// One embedded PostgreSQL (PGlite) for the test run, in a process of its own so that several databases work on
// several cores, served on a loopback port. Started by test/support/test-databases.ts (over IPC), which migrates
// the first one and has it dump its data directory; the others start from that dump (no initdb, no migrations).
//   argv[2]: a dump (tar) to start from, or nothing for a fresh database.
// Messages: {dump: path} → writes the data directory there, answers {dumped: path}; {stop: true} → closes and exits.
// It exits by itself when its parent goes away (the IPC channel closes).
const { readFileSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { join } = require('node:path');

/** The registry's session queue (TypeScript, no imports), compiled here: this process runs outside jest. */
function loadSessionQueue() {
  const file = join(__dirname, '..', '..', 'libs', 'database', 'src', 'pglite-session-queue.ts');
  const { code } = require('@swc/core').transformSync(readFileSync(file, 'utf8'), {
    filename: file,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  const m = new Module(file);
  m._compile(code, file);
  return m.exports;
}

async function main() {
  const { PGlite } = await import('@electric-sql/pglite');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const from = process.argv[2];
  const db = await PGlite.create({
    postgresqlconf: ['shared_buffers = 16MB'],
    ...(from ? { loadDataDir: new Blob([readFileSync(from)]) } : {}),
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 100 });
  loadSessionQueue().useSessionQueue(server, db);
  await server.start();
  process.on('message', async (msg) => {
    try {
      if (msg.dump) {
        writeFileSync(msg.dump, Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer()));
        process.send({ dumped: msg.dump });
      } else if (msg.stop) {
        await server.stop();
        await db.close();
        process.exit(0);
      }
    } catch (err) {
      process.send({ error: String(err && err.stack ? err.stack : err) });
    }
  });
  process.on('disconnect', () => process.exit(0));
  process.send({ url: `postgresql://postgres@${server.getServerConn()}/postgres` });
}

main().catch((err) => {
  if (process.send) process.send({ error: String(err && err.stack ? err.stack : err) });
  else console.error(err);
  process.exit(1);
});
