'use strict';
/**
 * The machine's limit: a bare node:http server answering the lookup JSON from a Map (the same LookupIndex and
 * phone parser cache as the lookup service), with no framework, auth, rate limit, metrics or logging.
 * Env: DATABASE_URL, PORT, WORKERS (default 1: processes sharing the port through node:cluster, each with its
 * own index, as LOOKUP_WORKERS does). Loads published_numbers once, then listens on 127.0.0.1.
 */
const cluster = require('node:cluster');
const http = require('node:http');
const { Client } = require('pg');
const { LookupIndex, tryParsePhoneNumber } = require('../../dist/libs/domain/src');

async function serve() {
  const db = new Client({ connectionString: process.env.DATABASE_URL });
  await db.connect();
  const [{ version }] = (await db.query('SELECT version FROM registry_state WHERE id = 1')).rows;
  const { rows } = await db.query('SELECT entry FROM published_numbers');
  await db.end();
  const index = new LookupIndex();
  index.load(
    rows.map((r) => r.entry),
    Number(version),
  );

  const server = http.createServer((req, res) => {
    const url = req.url;
    const q = url.indexOf('?');
    const path = q === -1 ? url : url.slice(0, q);
    if (!path.startsWith('/v1/lookup/')) {
      res.writeHead(404).end();
      return;
    }
    let input;
    try {
      input = decodeURIComponent(path.slice(11));
    } catch {
      input = '';
    }
    const parsed = tryParsePhoneNumber(input);
    if (!parsed) {
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"statusCode":400,"code":"INVALID_NUMBER"}');
      return;
    }
    const origin = q === -1 ? undefined : new URLSearchParams(url.slice(q + 1)).get('origin')?.toUpperCase() || undefined;
    const answer = index.lookup(parsed.e164, Date.now(), origin);
    const body = JSON.stringify({ ...answer, registryVersion: index.version, ttlSeconds: 60 });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
  });
  server.keepAliveTimeout = 72_000;
  server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true, size: index.size }));
}

const workers = Number(process.env.WORKERS ?? 1);
if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', () => process.exit(1));
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers)) w.kill();
    process.exit(0);
  });
} else {
  serve().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
