'use strict';
/**
 * Bench database: a fresh database migrated with the project's migrations, then seeded directly into the
 * schema in bulk (INSERT ... SELECT FROM generate_series): organizations, brandnames, caller numbers, their
 * published lookup entries (built with buildLookupEntry, one template per kind of number, the number set in SQL)
 * and registry_state.version; carriers and API keys (key_hash = sha256 hex of the key).
 */
const { createHash, randomBytes } = require('node:crypto');
const { Client } = require('pg');
const { DataSource } = require('typeorm');
const { buildDataSourceOptions, runMigrations } = require('../../dist/libs/database/src');
const { buildLookupEntry, entryClaims, protectedNameClaims, publishedProtectedName } = require('../../dist/libs/domain/src');
const { CompactSign, calculateJwkThumbprint, exportJWK, generateKeyPair } = require('jose');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

const ORGS = [
  { code: 'MIC', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry', label: 'BO TTTT', displayName: 'Bộ TT&TT', ascii: 'Bo TT&TT' },
  { code: 'BCA', name: 'Bộ Công an', kind: 'ministry', label: 'BO CONG AN', displayName: 'Bộ Công an', ascii: 'Bo Cong an' },
  { code: 'BYT', name: 'Bộ Y tế', kind: 'ministry', label: 'BO Y TE', displayName: 'Bộ Y tế', ascii: 'Bo Y te' },
  {
    code: 'NHNN',
    name: 'Ngân hàng Nhà nước Việt Nam',
    kind: 'bank',
    label: 'NHNN',
    displayName: 'Ngân hàng Nhà nước',
    ascii: 'Ngan hang Nha nuoc',
  },
];
const CARRIERS = ['VIETTEL', 'VINAPHONE', 'MOBIFONE', 'VIETNAMOBILE', 'GMOBILE', 'ITEL', 'REDDI', 'LOCALNET'];
const RESTRICTED = ['MOBIFONE', 'VIETTEL', 'VINAPHONE'];

/** Registered numbers: +8491 followed by 7 digits of i (0 ≤ i < 10,000,000). */
const registeredE164 = (i) => `+8491${String(i).padStart(7, '0')}`;

/**
 * Kind of number i, out of 100 (SQL below mirrors it): 90 outbound for any domestic carrier, 5 restricted to
 * three carriers, 3 inbound-only, 2 suspended. Organization: i % 4.
 */
function variant(i) {
  const v = Math.floor(i / 4) % 100;
  if (v < 90) return 'open';
  if (v < 95) return 'restricted';
  if (v < 98) return 'inbound';
  return 'suspended';
}
const SQL_V = `((i / 4) % 100)`;

async function createDatabase(adminUrl, name) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function dropDatabase(adminUrl, name) {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

async function migrate(url) {
  const ds = await new DataSource(buildDataSourceOptions({ url, poolSize: 2 })).initialize();
  try {
    await runMigrations(ds);
  } finally {
    await ds.destroy();
  }
}

/** Organizations, brandnames, carriers and one API key per carrier. Returns ids and keys in clear. */
async function seedBase(url) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const orgs = [];
    for (const o of ORGS) {
      const [org] = (
        await db.query(`INSERT INTO organizations (code, name, kind, status) VALUES ($1, $2, $3, 'active') RETURNING id`, [
          o.code,
          o.name,
          o.kind,
        ])
      ).rows;
      const [brand] = (
        await db.query(
          `INSERT INTO brandnames (organization_id, label, label_key, display_name, display_name_ascii, status, approved_at, expires_at)
           VALUES ($1, $2::varchar, upper($2::varchar), $3, $4, 'active', now(), now() + interval '3 years') RETURNING id, expires_at`,
          [org.id, o.label, o.displayName, o.ascii],
        )
      ).rows;
      orgs.push({ ...o, id: org.id, brandnameId: brand.id, expiresAt: brand.expires_at });
    }
    const carriers = [];
    for (const code of CARRIERS) {
      const [c] = (
        await db.query(`INSERT INTO carriers (code, name) VALUES ($1, $2) RETURNING id`, [code, code[0] + code.slice(1).toLowerCase()])
      ).rows;
      const key = `vbr_${randomBytes(24).toString('base64url')}`;
      await db.query(`INSERT INTO carrier_api_keys (carrier_id, prefix, key_hash) VALUES ($1, $2, $3)`, [
        c.id,
        key.slice(0, 12),
        createHash('sha256').update(key).digest('hex'),
      ]);
      carriers.push({ code, id: c.id, key });
    }
    return { orgs, carriers };
  } finally {
    await db.end();
  }
}

/** The published entry of each (organization, variant), from buildLookupEntry; index org*100 + v. */
function templates(orgs) {
  const out = [];
  for (const o of orgs) {
    for (let v = 0; v < 100; v++) {
      const kind = variant(v * 4);
      const entry = buildLookupEntry(
        {
          e164: '+84910000000',
          status: kind === 'suspended' ? 'suspended' : 'active',
          direction: kind === 'inbound' ? 'inbound_only' : 'outbound',
          allowedOrigins: kind === 'restricted' ? RESTRICTED : [],
          validFrom: null,
          validTo: null,
        },
        {
          status: 'active',
          label: o.label,
          displayName: o.displayName,
          displayNameAscii: o.ascii,
          callReason: null,
          expiresAt: o.expiresAt,
        },
        [{ code: o.code, name: o.name, status: 'active' }],
      );
      out.push(JSON.stringify(entry));
    }
  }
  return out;
}

/**
 * The registry's signing key for the bench: a key file in `dir` (for the registry's SIGNING_KEY_FILE) and its
 * public half as the current key, so seeded entries can be signed as the registry would have signed them.
 */
async function seedSigningKey(url, dir) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  const file = join(dir, 'signing-keys.json');
  writeFileSync(file, JSON.stringify({ keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] }), { mode: 0o600 });
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`INSERT INTO signing_keys (kid, public_jwk, "current") VALUES ($1, $2, true)`, [
      kid,
      JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y }),
    ]);
  } finally {
    await db.end();
  }
  const encoder = new TextEncoder();
  const sign = (entry, ver, iat) =>
    new CompactSign(encoder.encode(JSON.stringify(entryClaims(entry, ver, iat))))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'vbr-entry+jwt' })
      .sign(privateKey);
  const signName = (entry, ver, iat) =>
    new CompactSign(encoder.encode(JSON.stringify(protectedNameClaims(entry, ver, iat))))
      .setProtectedHeader({ alg: 'ES256', kid, typ: 'vbr-protected-name+jwt' })
      .sign(privateKey);
  return { kid, file, sign, signName };
}

/**
 * Publishes the protected names the migration seeded (protected_names, active) as the registry does at its first
 * start: one signed row each in published_protected_names, at the next registry versions. Returns how many.
 */
async function seedProtectedNames(url, signer) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('BEGIN');
    const names = (await db.query(`SELECT id, term, spellings, kinds, source FROM protected_names WHERE status = 'active' ORDER BY term`))
      .rows;
    let [{ version }] = (await db.query('SELECT version::int AS version FROM registry_state WHERE id = 1')).rows;
    const iat = Math.floor(Date.now() / 1000);
    for (const n of names) {
      const entry = publishedProtectedName(n);
      version++;
      await db.query(`INSERT INTO published_protected_names (id, entry, version, jws, kid) VALUES ($1, $2, $3, $4, $5)`, [
        n.id,
        JSON.stringify(entry),
        version,
        await signer.signName(entry, version, iat),
        signer.kid,
      ]);
    }
    await db.query('UPDATE registry_state SET version = $1 WHERE id = 1', [version]);
    await db.query('COMMIT');
    return names.length;
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

/** Signs the published entries from..to (as the registry does when it publishes), in batches. */
async function signNumbers(db, tpl, signer, from, to) {
  const iat = Math.floor(Date.now() / 1000);
  const STEP = 5_000;
  for (let a = from; a <= to; a += STEP) {
    const b = Math.min(to, a + STEP - 1);
    const e164s = [];
    const signing = [];
    for (let i = a; i <= b; i++) {
      const e164 = registeredE164(i);
      const entry = { ...JSON.parse(tpl[(i % 4) * 100 + (Math.floor(i / 4) % 100)]), number: e164 };
      e164s.push(e164);
      signing.push(signer.sign(entry, i + 1, iat));
    }
    await db.query(
      `UPDATE published_numbers p SET jws = t.j, kid = $3 FROM unnest($1::varchar[], $2::text[]) AS t(n, j) WHERE p.e164 = t.n`,
      [e164s, await Promise.all(signing), signer.kid],
    );
  }
}

/**
 * Registers and publishes numbers from..to-1 (caller_numbers + published_numbers), sets registry_state.version = to;
 * with `signer` (seedSigningKey), each entry is signed too.
 */
async function seedNumbers(url, base, from, to, log, signer) {
  const db = new Client({ connectionString: url });
  await db.connect();
  const orgIds = base.orgs.map((o) => o.id);
  const brandIds = base.orgs.map((o) => o.brandnameId);
  const tpl = templates(base.orgs);
  try {
    const CHUNK = 250_000;
    for (let a = from; a < to; a += CHUNK) {
      const b = Math.min(to, a + CHUNK) - 1;
      await db.query('BEGIN');
      await db.query(
        `INSERT INTO caller_numbers (e164, number_type, organization_id, brandname_id, direction, allowed_origins, status, evidence)
         SELECT '+8491' || lpad(i::text, 7, '0'), 'mobile', ($1::uuid[])[i % 4 + 1], ($2::uuid[])[i % 4 + 1],
                CASE WHEN ${SQL_V} >= 95 AND ${SQL_V} < 98 THEN 'inbound_only' ELSE 'outbound' END,
                CASE WHEN ${SQL_V} >= 90 AND ${SQL_V} < 95 THEN $3::text[] ELSE '{}'::text[] END,
                CASE WHEN ${SQL_V} >= 98 THEN 'suspended' ELSE 'active' END,
                'bench seed'
           FROM generate_series($4::int, $5::int) AS i`,
        [orgIds, brandIds, RESTRICTED, a, b],
      );
      await db.query(
        `INSERT INTO published_numbers (e164, entry, version)
         SELECT '+8491' || lpad(i::text, 7, '0'),
                jsonb_set(($1::jsonb[])[(i % 4) * 100 + ${SQL_V} + 1], '{number}', to_jsonb('+8491' || lpad(i::text, 7, '0'))),
                i + 1
           FROM generate_series($2::int, $3::int) AS i`,
        [tpl, a, b],
      );
      if (signer) await signNumbers(db, tpl, signer, a, b);
      await db.query('UPDATE registry_state SET version = $1 WHERE id = 1', [b + 1]);
      await db.query('COMMIT');
      log?.(`  seeded ${b + 1} numbers`);
    }
    await db.query('ANALYZE caller_numbers');
    await db.query('ANALYZE published_numbers');
  } catch (err) {
    await db.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await db.end();
  }
}

module.exports = {
  CARRIERS,
  ORGS,
  registeredE164,
  variant,
  createDatabase,
  dropDatabase,
  migrate,
  seedBase,
  seedNumbers,
  seedProtectedNames,
  seedSigningKey,
};
