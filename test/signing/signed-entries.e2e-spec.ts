import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CompactSign, exportJWK, generateKeyPair, JSONWebKeySet } from 'jose';
import request from 'supertest';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { ResignService } from '../../apps/registry/src/signing/resign.service';
import {
  answerDisagreement,
  EntryClaims,
  RegistrySignatureVerifier,
  splitLines,
  SyncEntry,
  syncEntryDisagreement,
  verifySnapshot,
} from '../../libs/domain/src';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { EVENTUALLY_MS, within } from '../support/wait';
import { bytesBeforeTrailer, carrierVerify, cli, kidOf, sha256Hex } from './signing-support';

/**
 * Signed entries as a carrier sees them: the JWKS on both services, every snapshot line and the trailer, every
 * upsert of the change feed, signed lookups; tampering caught; a key rotation with the background re-sign.
 */
jest.setTimeout(60_000);

describe('signed entries', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let lookupUrl: string;
  let key: string;
  let mic: string;
  let brand: string;
  let dataDir: string;
  const savedDataDir = process.env.DATA_DIR;

  const get = (path: string) => request(lookup.getHttpServer()).get(path).set('X-Api-Key', key);
  const snapshotBytes = async (): Promise<Buffer> => {
    const res = await fetch(`${lookupUrl}/v1/sync/snapshot`, { headers: { 'x-api-key': key } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  /** The entry lines of a snapshot (without its header and trailer). */
  const parseLines = (raw: Buffer): Array<SyncEntry & { jws: string }> =>
    raw
      .toString('utf8')
      .trimEnd()
      .split('\n')
      .slice(1, -1)
      .map((l) => JSON.parse(l));
  const jwks = async (): Promise<JSONWebKeySet> => (await get('/.well-known/jwks.json').expect(200)).body;
  const verify = async (bytes: Buffer, keys: JSONWebKeySet) =>
    verifySnapshot(
      splitLines(
        (async function* () {
          yield bytes;
        })(),
      ),
      new RegistrySignatureVerifier(keys),
    );
  const addNumber = async (number: string, body: object = {}) => {
    const res = await (
      await h.as(ROOT.username)
    )
      .post(`/v1/organizations/${mic}/numbers`)
      .send({ number, brandnameId: brand, ...body })
      .expect(201);
    await (await h.as('reg2')).post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
    return res.body.id as string;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'vbr-signing-'));
    process.env.DATA_DIR = dataDir; // the key file is generated here on first start
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const carrier = await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    key = (await root.post(`/v1/carriers/${carrier.body.id}/api-keys`).expect(201)).body.key;
    mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    await addNumber('024 3943 7142');
    await addNumber('0912 345 678', { allowedOrigins: ['VIETTEL'] });
    await addNumber('1800 1234', { direction: 'inbound_only' });
    const suspended = await addNumber('0903 123 456');
    await (await h.as('reg2')).post(`/v1/numbers/${suspended}/suspend`).send({ reason: 'Điều tra' }).expect(200);
    await addNumber('0987 654 321', { validFrom: new Date(Date.now() + 86_400_000).toISOString() });

    // A carrier here takes more snapshots than its default 6 a minute.
    process.env.LOOKUP_SNAPSHOTS_PER_MIN = '0';
    lookup = await createLookupApp().finally(() => delete process.env.LOOKUP_SNAPSHOTS_PER_MIN);
    await lookup.listen(0, '127.0.0.1');
    lookupUrl = `http://127.0.0.1:${(lookup.getHttpServer().address() as { port: number }).port}`;
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/0903123456').expect(200)).body.status).toBe('suspended'));
  });
  afterAll(async () => {
    await lookup?.close();
    await h?.stop();
    process.env.DATA_DIR = savedDataDir;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps the private key in a 0600 file in the data directory, and publishes the public key on both services', async () => {
    const file = join(dataDir, 'signing-keys.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [{ kid, d }] = JSON.parse(readFileSync(file, 'utf8')).keys;
    expect(d).toEqual(expect.any(String));
    const fromLookup = await get('/.well-known/jwks.json').expect(200);
    const fromRegistry = await h.http().get('/.well-known/jwks.json').expect(200); // public: no token
    for (const res of [fromLookup, fromRegistry]) {
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      expect(res.body).toEqual({
        keys: [{ kty: 'EC', crv: 'P-256', x: expect.any(String), y: expect.any(String), kid, alg: 'ES256', use: 'sig' }],
      });
    }
    expect(fromLookup.body).toEqual(fromRegistry.body);
    const [row] = await h.ds.query(`SELECT public_jwk FROM signing_keys WHERE kid = $1`, [kid]);
    expect(row.public_jwk.d).toBeUndefined();
  });

  it('signs every snapshot line and the trailer; a carrier verifies them with jose and the JWKS alone', async () => {
    const keys = await jwks();
    const raw = await snapshotBytes();
    const { before, trailer } = bytesBeforeTrailer(raw);
    const lines = before.toString('utf8').trimEnd().split('\n');
    const header = JSON.parse(lines[0]);
    const entries: Array<SyncEntry & { jws: string }> = lines.slice(1).map((l) => JSON.parse(l));
    // Protected names ride in the header (test/lookup/protected-names.e2e-spec.ts); count is the number lines.
    expect(header).toEqual({ registryVersion: expect.any(Number), count: 5, protectedNames: expect.any(Array) });
    expect(entries).toHaveLength(5);
    for (const entry of entries) {
      const claims = (await carrierVerify(entry.jws, keys, 'vbr-entry+jwt')) as unknown as EntryClaims;
      expect(syncEntryDisagreement(entry, claims)).toBeNull();
    }
    const main = entries.find((e) => e.number === '+842439437142')!;
    expect(await carrierVerify(main.jws, keys, 'vbr-entry+jwt')).toEqual({
      iss: 'vn-voice-brandname-registry',
      sub: '+842439437142',
      nam: 'Bộ TT&TT',
      lbl: 'BO TTTT',
      nama: 'Bo TT&TT',
      crn: null,
      org: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      status: 'active',
      dir: main.direction,
      orig: [],
      exp: Math.floor(Date.parse(main.labelExpiresAt!) / 1000),
      ver: expect.any(Number),
      iat: expect.any(Number),
    });
    const byNumber = async (n: string) => carrierVerify(entries.find((e) => e.number === n)!.jws, keys, 'vbr-entry+jwt');
    expect(await byNumber('+84912345678')).toMatchObject({ orig: ['VIETTEL'], status: 'active' });
    expect(await byNumber('+8418001234')).toMatchObject({ status: 'inbound_only', dir: 'inbound_only' });
    expect(await byNumber('+84903123456')).toMatchObject({ status: 'suspended' });
    const later = entries.find((e) => e.number === '+84987654321')!;
    expect(await byNumber('+84987654321')).toMatchObject({ nbf: Math.floor(Date.parse(later.validFrom!) / 1000), status: 'active' });

    const t = JSON.parse(trailer);
    expect(t).toEqual({ registryVersion: header.registryVersion, count: 5, sha256: sha256Hex(before), jws: expect.any(String) });
    expect(await carrierVerify(t.jws, keys, 'vbr-snapshot+jwt')).toEqual({
      registryVersion: header.registryVersion,
      count: 5,
      sha256: t.sha256,
    });
    expect(await verify(raw, keys)).toMatchObject({ registryVersion: header.registryVersion, entries: 5 });
  });

  it('fails a snapshot altered by one byte, cut short, or carrying an entry signed by an unknown key', async () => {
    const keys = await jwks();
    const raw = await snapshotBytes();
    const text = raw.toString('utf8');
    const mutate = (from: string, to: string) => Buffer.from(text.replace(from, to));
    // One byte of a display name (the line's own field, beside a valid signature).
    await expect(verify(mutate('"name":"Bộ TT&TT"', '"name":"Bộ TT&TU"'), keys)).rejects.toThrow(/nam differs|sha256/);
    // One byte of the signature itself.
    const jws = text.match(/"jws":"([^"]+)"/)![1];
    const flipped = jws.slice(0, -2) + (jws.at(-2) === 'A' ? 'B' : 'A') + jws.at(-1);
    await expect(verify(mutate(jws, flipped), keys)).rejects.toThrow(/signature/);
    // A changed count in the header: the trailer's hash no longer matches.
    await expect(verify(mutate('"count":5,', '"count":4,'), keys)).rejects.toThrow(/sha256|count/);
    // A line dropped, and the trailer dropped.
    const lines = text.trimEnd().split('\n');
    await expect(verify(Buffer.from([...lines.slice(0, 2), ...lines.slice(3)].join('\n') + '\n'), keys)).rejects.toThrow(
      /trailer|count|sha256/,
    );
    await expect(verify(Buffer.from(lines.slice(0, -1).join('\n') + '\n'), keys)).rejects.toThrow(/no trailer/);

    // A forger's key, with its own kid or claiming the registry's: neither verifies.
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const entry = JSON.parse(lines[1]);
    const claims = { ...(await carrierVerify(entry.jws, keys, 'vbr-entry+jwt')), nam: 'Công an TP' };
    for (const kid of ['forger', kidOf(entry.jws)]) {
      const forged = await new CompactSign(Buffer.from(JSON.stringify(claims)))
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'vbr-entry+jwt' })
        .sign(privateKey);
      const line = JSON.stringify({ ...entry, display: { ...entry.display, name: 'Công an TP' }, jws: forged });
      await expect(verify(Buffer.from(text.replace(lines[1], line)), keys)).rejects.toThrow(/signature/);
    }
    // ... unless the carrier was given the forger's key: the JWKS is what it must get from the registry.
    const forgedKeys = { keys: [...keys.keys, { ...(await exportJWK(publicKey)), kid: 'forger', alg: 'ES256', use: 'sig' }] };
    expect(forgedKeys.keys).toHaveLength(2);
  });

  it('carries the JWS in every upsert of the change feed, agreeing with the entry', async () => {
    const keys = await jwks();
    const page = (await get('/v1/sync/changes?since=0&limit=10000').expect(200)).body;
    const upserts = page.changes.filter((c: { op: string }) => c.op === 'upsert');
    expect(upserts.length).toBeGreaterThanOrEqual(5);
    for (const c of upserts) {
      const claims = (await carrierVerify(c.entry.jws, keys, 'vbr-entry+jwt')) as unknown as EntryClaims;
      expect(claims.ver).toBe(c.version);
      expect(syncEntryDisagreement(c.entry, claims)).toBeNull();
    }
  });

  it('adds the stored JWS to a lookup answer only when asked, single or batch', async () => {
    const keys = await jwks();
    const plain = (await get('/v1/lookup/02439437142').expect(200)).body;
    expect(plain).not.toHaveProperty('jws');
    const signed = (await get('/v1/lookup/02439437142?signed=true').expect(200)).body;
    expect({ ...signed, jws: undefined }).toEqual({ ...plain, jws: undefined });
    expect(answerDisagreement(signed, (await carrierVerify(signed.jws, keys, 'vbr-entry+jwt')) as unknown as EntryClaims)).toBeNull();
    expect((await get('/v1/lookup/0903123456?signed=true').expect(200)).body).toMatchObject({
      status: 'suspended',
      jws: expect.any(String),
    });
    expect((await get('/v1/lookup/0987654321?signed=true').expect(200)).body).toMatchObject({ status: 'unregistered', jws: null });
    expect((await get('/v1/lookup/0911111111?signed=true').expect(200)).body).toMatchObject({ status: 'unregistered', jws: null });
    expect((await get('/v1/lookup/02439437142?signed=yes').expect(400)).body.code).toBe('VALIDATION_FAILED');

    const batch = await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', key)
      .send({ numbers: ['02439437142', '0911111111'], signed: true })
      .expect(200);
    expect(batch.body.results[0].jws).toBe(signed.jws);
    expect(batch.body.results[1].jws).toBeNull();
    const unsignedBatch = await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', key)
      .send({ numbers: ['02439437142'] });
    expect(unsignedBatch.body.results[0]).not.toHaveProperty('jws');
    await request(lookup.getHttpServer())
      .post('/v1/lookup/batch')
      .set('X-Api-Key', key)
      .send({ numbers: ['02439437142'], signed: 'yes' })
      .expect(400);
  });

  it('verify-snapshot: the reference check passes a snapshot and fails a tampered one, with the JWKS as a file or a URL', async () => {
    const file = join(dataDir, 'snapshot.ndjson');
    const jwksFile = join(dataDir, 'jwks.json');
    const raw = await snapshotBytes();
    writeFileSync(file, raw);
    writeFileSync(jwksFile, JSON.stringify(await jwks()));
    const ok = await cli('verify-snapshot', file, '--jwks', jwksFile);
    expect(ok).toMatchObject({ code: 0, stderr: [] });
    expect(ok.stdout.join('\n')).toMatch(
      /^OK: 5 entries and \d+ protected names at registry version \d+ \(5 by [\w-]+\); trailer verified$/,
    );
    expect((await cli('verify-snapshot', file, '--jwks', `${lookupUrl}/.well-known/jwks.json`)).code).toBe(0);
    writeFileSync(file, Buffer.from(raw.toString('utf8').replace('"label":"BO TTTT"', '"label":"BO TTTU"')));
    const bad = await cli('verify-snapshot', file, '--jwks', jwksFile);
    expect(bad.code).toBe(1);
    expect(bad.stderr.join('\n')).toMatch(/^INVALID: line \d+: /);
  });

  it('rotates: new publications use the new key, both keys verify, and after the re-sign only the new key is needed', async () => {
    const resign = h.app.get(ResignService);
    resign.onApplicationShutdown(); // paused, so the state between rotation and re-sign can be looked at
    const [oldKey] = (await jwks()).keys;
    const rotated = await cli('signing-key', 'rotate');
    expect(rotated.code).toBe(0);
    const rotatedAt = Date.now();
    const newKid = rotated.stdout[0].match(/new key (\S+)/)![1];
    expect(newKid).not.toBe(oldKey.kid);
    const file = JSON.parse(readFileSync(join(dataDir, 'signing-keys.json'), 'utf8'));
    expect(file.keys.map((k: { kid: string }) => k.kid)).toEqual([oldKey.kid, newKid]);
    expect(statSync(join(dataDir, 'signing-keys.json')).mode & 0o777).toBe(0o600);
    const [audit] = await h.ds.query(`SELECT after FROM audit_events WHERE action = 'signing_key.rotate'`);
    expect(audit.after).toEqual({ kid: newKid, previousKid: oldKey.kid });

    // Both keys published; a publication after the rotation is signed by the new one, older entries by the old one.
    const kidsOf = async () => ((await h.http().get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet).keys.map((k) => k.kid);
    expect(await kidsOf()).toEqual([oldKey.kid, newKid]);
    await addNumber('0243 888 9999');
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/02438889999').expect(200)).body.verdict).toBe('brand'));
    const both = await within(EVENTUALLY_MS, async () => expect((await jwks()).keys).toHaveLength(2)).then(() => jwks());
    const mixed = await snapshotBytes();
    expect(await verify(mixed, both)).toMatchObject({ entries: 6, kids: { [oldKey.kid!]: 5, [newKid]: 1 } });
    const newOnly = { keys: both.keys.filter((k) => k.kid === newKid) };
    await expect(verify(mixed, newOnly)).rejects.toThrow(/signature/); // the old key is still needed

    // Re-signed in batches, each its own transaction: one batch of two leaves the old key published.
    resign.batchSize = 2;
    expect(await resign.batch()).toBe(2);
    expect(await kidsOf()).toEqual([oldKey.kid, newKid]);
    resign.batchSize = 1_000;
    resign.onApplicationBootstrap(); // the background re-sign resumes where it stopped
    await within(EVENTUALLY_MS, async () => expect(await kidsOf()).toEqual([newKid]));
    console.log(`re-signed with the new key ${Date.now() - rotatedAt} ms after the rotation`);
    await within(EVENTUALLY_MS, async () => {
      expect(await verify(await snapshotBytes(), newOnly)).toMatchObject({ entries: 6, kids: { [newKid]: 6 } });
    });
    const page = (await get('/v1/sync/changes?since=0&limit=10000').expect(200)).body;
    for (const c of page.changes.filter((x: { op: string }) => x.op === 'upsert')) {
      expect(
        syncEntryDisagreement(c.entry, (await carrierVerify(c.entry.jws, newOnly, 'vbr-entry+jwt')) as unknown as EntryClaims),
      ).toBeNull();
    }
    await within(EVENTUALLY_MS, async () => expect((await jwks()).keys.map((k) => k.kid)).toEqual([newKid])); // the lookup's copy too
  });

  it('signs what was published before signing existed (rows without a JWS), in the background', async () => {
    const [{ kid }] = (await jwks()).keys;
    const [{ version }] = await h.ds.query(
      `SELECT min(version)::int AS version FROM registry_changes WHERE op = 'upsert' AND e164 IS NOT NULL`,
    );
    const before = (await get('/v1/lookup/02439437142?signed=true').expect(200)).body.jws;
    // As the migration leaves rows published before it.
    await h.ds.query(`UPDATE published_numbers SET jws = NULL, kid = NULL WHERE e164 = '+842439437142'`);
    await h.ds.query(`UPDATE registry_changes SET jws = NULL, kid = NULL WHERE version = $1`, [version]);
    await within(EVENTUALLY_MS, async () => {
      const [row] = await h.ds.query(`SELECT kid FROM published_numbers WHERE e164 = '+842439437142'`);
      const [change] = await h.ds.query(`SELECT jws, kid FROM registry_changes WHERE version = $1`, [version]);
      expect([row.kid, change.kid]).toEqual([kid, kid]);
      const claims = (await carrierVerify(change.jws, await jwks(), 'vbr-entry+jwt')) as unknown as EntryClaims;
      expect(claims.ver).toBe(version);
    });
    // Published again (a touch), so the lookup and carriers' copies hold the new signature.
    const [{ jws: now }] = await h.ds.query(`SELECT jws FROM published_numbers WHERE e164 = '+842439437142'`);
    expect(now).not.toBe(before);
    await within(EVENTUALLY_MS, async () => expect((await get('/v1/lookup/02439437142?signed=true').expect(200)).body.jws).toBe(now));
  });

  it('signs a held narrowing of origins: norig while it waits (removed origin none, not block), gone once approved (block)', async () => {
    const root = await h.as(ROOT.username);
    const reg2 = await h.as('reg2');
    await root.post('/v1/carriers').send({ code: 'MOBIFONE', name: 'MobiFone' }).expect(201);
    const id = await addNumber('0243 777 6666', { allowedOrigins: ['VIETTEL', 'MOBIFONE'] });
    const e164 = '+842437776666';
    const answer = async (origin: string) => (await get(`/v1/lookup/02437776666?origin=${origin}`).expect(200)).body;
    await within(EVENTUALLY_MS, async () => expect((await answer('MOBIFONE')).verdict).toBe('brand'));
    const claimsOf = async (jws: string) => (await carrierVerify(jws, await jwks(), 'vbr-entry+jwt')) as unknown as EntryClaims;
    const since = Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);

    // Root narrows to VIETTEL: held in a revision, the live values unchanged.
    const live = (await root.get(`/v1/numbers/${id}`).expect(200)).body;
    const narrowed = await root
      .patch(`/v1/numbers/${id}`)
      .send({ version: live.version, allowedOrigins: ['VIETTEL'] })
      .expect(200);
    expect(narrowed.body).toMatchObject({
      allowedOrigins: ['MOBIFONE', 'VIETTEL'],
      pendingRevision: { changes: { allowedOrigins: ['VIETTEL'] } },
    });

    // Meanwhile the removed origin answers none (not block); the kept one still brands.
    await within(EVENTUALLY_MS, async () =>
      expect(await answer('MOBIFONE')).toMatchObject({ verdict: 'none', status: 'active', originAllowed: false, display: null }),
    );
    expect(await answer('VIETTEL')).toMatchObject({ verdict: 'brand', originAllowed: true });
    // The signed entry carries norig, in the lookup's answer, the change feed and the snapshot alike.
    const waiting = (await get('/v1/lookup/02437776666?signed=true').expect(200)).body;
    const waitingClaims = await claimsOf(waiting.jws);
    expect(waitingClaims).toMatchObject({ sub: e164, status: 'active', orig: ['MOBIFONE', 'VIETTEL'], norig: ['VIETTEL'] });
    expect(answerDisagreement(waiting, waitingClaims)).toBeNull();
    const feed = (await get(`/v1/sync/changes?since=${since}&limit=10000`).expect(200)).body.changes;
    const upsert = feed.filter((c: { number: string; op: string }) => c.number === e164 && c.op === 'upsert').at(-1);
    expect(upsert.entry).toMatchObject({ allowedOrigins: ['MOBIFONE', 'VIETTEL'], narrowedOrigins: ['VIETTEL'] });
    expect(syncEntryDisagreement(upsert.entry, await claimsOf(upsert.entry.jws))).toBeNull();
    expect((await claimsOf(upsert.entry.jws)).norig).toEqual(['VIETTEL']);
    const line = parseLines(await snapshotBytes()).find((e) => e.number === e164)!;
    expect(line).toMatchObject({ narrowedOrigins: ['VIETTEL'] });
    expect(syncEntryDisagreement(line, await claimsOf(line.jws))).toBeNull();
    // An entry altered to drop the narrowing (so a copy would block) no longer agrees with its signature.
    const { narrowedOrigins: _dropped, ...unnarrowed } = line;
    expect(syncEntryDisagreement(unnarrowed, await claimsOf(line.jws))).toBe('norig differs from narrowedOrigins');

    // The proposer may not approve its own narrowing; until someone else does, the removed origin stays none.
    expect((await root.post(`/v1/numbers/${id}/revision/approve`).send({}).expect(403)).body.code).toBe('FOUR_EYES_REQUIRED');
    expect((await answer('MOBIFONE')).verdict).toBe('none');
    await reg2.post(`/v1/numbers/${id}/revision/approve`).send({}).expect(200);

    // Approved: block, and the signed entry no longer carries norig.
    await within(EVENTUALLY_MS, async () =>
      expect(await answer('MOBIFONE')).toMatchObject({ verdict: 'block', status: 'active', originAllowed: false }),
    );
    const decided = (await get('/v1/lookup/02437776666?signed=true').expect(200)).body;
    const decidedClaims = await claimsOf(decided.jws);
    expect(decidedClaims).toMatchObject({ sub: e164, orig: ['VIETTEL'] });
    expect(decidedClaims).not.toHaveProperty('norig');
    const after = parseLines(await snapshotBytes()).find((e) => e.number === e164)!;
    expect(after).toMatchObject({ allowedOrigins: ['VIETTEL'] });
    expect(after).not.toHaveProperty('narrowedOrigins');
    expect(syncEntryDisagreement(after, await claimsOf(after.jws))).toBeNull();
  });
});
