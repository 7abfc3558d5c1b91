'use strict';
/**
 * The naive peer: Express + pg, one SELECT on published_numbers per request (pool of 10), same JSON answer.
 * Env: DATABASE_URL, PORT.
 */
const express = require('express');
const { Pool } = require('pg');
const { compileEntry, resolveLookup, tryParsePhoneNumber } = require('../../dist/libs/domain/src');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const app = express();
app.disable('x-powered-by');

app.get('/v1/lookup/:number', async (req, res) => {
  const parsed = tryParsePhoneNumber(req.params.number);
  if (!parsed) return res.status(400).json({ statusCode: 400, code: 'INVALID_NUMBER' });
  try {
    const { rows } = await pool.query(
      'SELECT (SELECT version FROM registry_state WHERE id = 1) AS version, (SELECT entry FROM published_numbers WHERE e164 = $1) AS entry',
      [parsed.e164],
    );
    const { version, entry } = rows[0];
    const origin = typeof req.query.origin === 'string' && req.query.origin ? req.query.origin.toUpperCase() : undefined;
    const answer = resolveLookup(parsed.e164, entry ? compileEntry(entry) : undefined, Date.now(), origin);
    res.json({ ...answer, registryVersion: Number(version), ttlSeconds: 60 });
  } catch (err) {
    res.status(503).json({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: err.message });
  }
});

const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.({ ready: true }));
server.keepAliveTimeout = 72_000;
