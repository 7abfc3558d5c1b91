import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair, JWK, KeyLike } from 'jose';
import { createLookupApp } from '../../apps/lookup/src/lookup.app';
import { SNAPSHOT_JWS_TYP, SnapshotDigest, trailerLine } from '../../libs/domain/src';
import { cli as adminCli, carrierCli } from '../support/cli';
import { RegistryHarness, ROOT } from '../support/registry-harness';
import { freePort } from '../support/service-process';
import { EVENTUALLY_MS, within } from '../support/wait';

/**
 * What the lookup's address answers, as someone who controls it would: the real lookup behind a proxy the test
 * switches between passing through, a feed with an altered label or versions (its signatures kept), an empty or broken JWKS, and an attacker's key (the real snapshot and feed
 * re-signed by it; its key alone, beside the registry's, or under the registry's kid).
 */
type Mode = 'pass' | 'tampered' | 'replayed' | 'empty-jwks' | 'jwks-500' | 'jwks-garbage' | 'attacker' | 'attacker-added' | 'impostor';

jest.setTimeout(60_000);

describe('carrier-sync never runs unverified (pinned keys, or keys trusted on first use)', () => {
  let h: RegistryHarness;
  let lookup: NestFastifyApplication;
  let lookupUrl: string;
  let proxy: Server;
  let proxyUrl: string;
  let mode: Mode = 'pass';
  let key: string;
  let mic: string;
  let brand: string;
  let dataDir: string;
  let tmp: string;
  let registryJwks: { keys: JWK[] };
  let registryKid: string;
  const attacker = {} as { privateKey: KeyLike; jwk: JWK; kid: string };
  const savedDataDir = process.env.DATA_DIR;
  let dirs = 0;

  const freshDir = () => join(tmp, `copy-${++dirs}`);
  /** The carrier's command in-process (CarrierCliModule, as main.ts runs it), its stderr as one text. */
  const sync = async (dir: string, ...extra: string[]) => {
    const run = await carrierCli('carrier-sync', '--lookup', proxyUrl, '--key', key, '--out', dir, '--once', ...extra);
    return { code: run.code, err: run.stderr.join('\n') };
  };
  const copyOf = (dir: string) =>
    existsSync(join(dir, 'carrier-copy.ndjson')) ? readFileSync(join(dir, 'carrier-copy.ndjson'), 'utf8') : null;
  const trustedKids = (dir: string) =>
    (JSON.parse(readFileSync(join(dir, 'trusted-jwks.json'), 'utf8')) as { keys: JWK[] }).keys.map((k) => k.kid);
  const lookupJwks = async () => (await (await fetch(`${lookupUrl}/.well-known/jwks.json`)).json()) as { keys: JWK[] };
  /** A refusal: exit 3 (no trusted key) or 4 (failed verification), said loudly, and the copy as it was. */
  const expectRefused = async (dir: string, code: 3 | 4, reason: RegExp, ...extra: string[]) => {
    const before = copyOf(dir);
    const run = await sync(dir, ...extra);
    expect({ code: run.code, err: run.err }).toEqual({ code, err: expect.stringMatching(reason) });
    expect(run.err).toMatch(/REFUSED: /);
    expect(run.err).not.toMatch(/NOT verified|Applied/);
    expect(copyOf(dir)).toBe(before);
    return run.err;
  };
  const expectSynced = async (dir: string, expected: RegExp, ...extra: string[]) => {
    const run = await sync(dir, ...extra);
    expect({ code: run.code, err: run.err }).toEqual({ code: 0, err: expect.stringMatching(expected) });
    return run.err;
  };

  const registryVersion = async () => Number((await h.ds.query('SELECT version FROM registry_state WHERE id = 1'))[0].version);
  const caughtUp = async () => {
    const target = await registryVersion();
    await within(EVENTUALLY_MS, async () => {
      const ready = (await (await fetch(`${lookupUrl}/health/ready`)).json()) as { info: { index: { registryVersion: number } } };
      expect(ready.info.index.registryVersion).toBeGreaterThanOrEqual(target);
    });
  };
  let nextNumber = 1000;
  /** A change for the feed: a new number, approved and published. */
  const addNumber = async () => {
    const res = await (
      await h.as(ROOT.username)
    )
      .post(`/v1/organizations/${mic}/numbers`)
      .send({ number: `024 3943 ${nextNumber++}`, brandnameId: brand })
      .expect(201);
    await (await h.as('reg2')).post(`/v1/numbers/${res.body.id}/approve`).send({}).expect(200);
    await caughtUp();
  };

  const resign = async (jws: string, kid: string) => {
    const [header, payload] = jws.split('.');
    const protectedHeader = { ...JSON.parse(Buffer.from(header, 'base64url').toString('utf8')), kid };
    return new CompactSign(Buffer.from(payload, 'base64url')).setProtectedHeader(protectedHeader).sign(attacker.privateKey);
  };
  /** The real snapshot, every entry and the trailer re-signed by the attacker (a consistent, well-formed forgery). */
  const forgedSnapshot = async (text: string, kid: string) => {
    const lines = text.trimEnd().split('\n');
    const digest = new SnapshotDigest();
    let out = `${lines[0]}\n`;
    digest.update(out);
    for (const l of lines.slice(1, -1)) {
      const entry = JSON.parse(l) as { jws: string };
      const line = `${JSON.stringify({ ...entry, jws: await resign(entry.jws, kid) })}\n`;
      digest.update(line);
      out += line;
    }
    const trailer = JSON.parse(lines[lines.length - 1]) as { registryVersion: number; count: number };
    const claims = digest.claims(trailer.registryVersion, trailer.count);
    const jws = await new CompactSign(Buffer.from(JSON.stringify(claims)))
      .setProtectedHeader({ alg: 'ES256', kid, typ: SNAPSHOT_JWS_TYP })
      .sign(attacker.privateKey);
    return out + trailerLine(claims, jws);
  };

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const send = (status: number, body: string): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    };
    const forging = mode === 'attacker' || mode === 'attacker-added' || mode === 'impostor';
    const kid = mode === 'impostor' ? registryKid : attacker.kid;
    if (req.url === '/.well-known/jwks.json') {
      if (mode === 'empty-jwks') return send(200, '{"keys":[]}');
      if (mode === 'jwks-500') return send(500, '{"code":"INTERNAL_ERROR"}');
      if (mode === 'jwks-garbage') return send(200, '<html>maintenance</html>');
      const attackerKey = { ...attacker.jwk, kid };
      if (mode === 'attacker' || mode === 'impostor') return send(200, JSON.stringify({ keys: [attackerKey] }));
      if (mode === 'attacker-added') return send(200, JSON.stringify({ keys: [...registryJwks.keys, attackerKey] }));
    }
    const upstream = await fetch(new URL(req.url!, lookupUrl), { headers: { 'x-api-key': String(req.headers['x-api-key'] ?? '') } });
    const text = await upstream.text();
    if (mode === 'tampered' && upstream.ok && req.url!.startsWith('/v1/sync/changes')) {
      type Shown = { display: { label: string } | null };
      const page = JSON.parse(text) as { changes: Array<{ entry: (Shown & { answerWhenValid?: Shown }) | null }> };
      for (const c of page.changes)
        for (const shown of [c.entry, c.entry?.answerWhenValid]) if (shown?.display) shown.display.label = 'NGAN HANG';
      return send(200, JSON.stringify(page));
    }
    if (mode === 'replayed' && upstream.ok && req.url!.startsWith('/v1/sync/changes')) {
      // Signed entries presented as later changes than they were signed for (a replay of old answers).
      const page = JSON.parse(text) as { toVersion: number; changes: Array<{ version: number }> };
      for (const c of page.changes) c.version += 1000;
      return send(200, JSON.stringify({ ...page, toVersion: page.toVersion + 1000 }));
    }
    if (!forging || !upstream.ok) return send(upstream.status, text);
    if (req.url!.startsWith('/v1/sync/snapshot')) return send(200, await forgedSnapshot(text, kid));
    if (req.url!.startsWith('/v1/sync/changes')) {
      const page = JSON.parse(text) as { changes: Array<{ entry: { jws: string } | null }> };
      for (const c of page.changes) if (c.entry) c.entry.jws = await resign(c.entry.jws, kid);
      return send(200, JSON.stringify(page));
    }
    send(upstream.status, text);
  }

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'vbr-carrier-trust-'));
    dataDir = join(tmp, 'registry');
    process.env.DATA_DIR = dataDir; // its own signing key file: the last test rotates it
    h = await RegistryHarness.start();
    await h.createUser('reg2', 'regulator');
    const root = await h.as(ROOT.username);
    const carrier = await root.post('/v1/carriers').send({ code: 'VIETTEL', name: 'Viettel' }).expect(201);
    key = (await root.post(`/v1/carriers/${carrier.body.id}/api-keys`).expect(201)).body.key;
    mic = await h.activeOrganization('MIC', 'Bộ Thông tin và Truyền thông');
    brand = await h.activeBrandname(mic, 'BO TTTT', 'Bộ TT&TT');
    // A carrier here takes more snapshots than its default 6 a minute.
    process.env.LOOKUP_SNAPSHOTS_PER_MIN = '0';
    lookup = await createLookupApp().finally(() => delete process.env.LOOKUP_SNAPSHOTS_PER_MIN);
    await lookup.listen(0, '127.0.0.1');
    lookupUrl = `http://127.0.0.1:${(lookup.getHttpServer().address() as { port: number }).port}`;
    for (let i = 0; i < 3; i++) await addNumber();

    const pair = await generateKeyPair('ES256');
    attacker.privateKey = pair.privateKey;
    const publicJwk = await exportJWK(pair.publicKey);
    attacker.kid = await calculateJwkThumbprint(publicJwk);
    attacker.jwk = { ...publicJwk, kid: attacker.kid, alg: 'ES256', use: 'sig' };
    registryJwks = await lookupJwks();
    registryKid = registryJwks.keys[0].kid!;
    const port = await freePort();
    proxy = createServer((req, res) => void answer(req, res).catch((err: Error) => res.writeHead(502).end(err.message)));
    await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
    proxyUrl = `http://127.0.0.1:${port}`;
  });
  beforeEach(() => {
    mode = 'pass';
  });
  afterAll(async () => {
    await new Promise((resolve) => proxy?.close(resolve));
    await lookup?.close();
    await h?.stop();
    process.env.DATA_DIR = savedDataDir;
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it('refuses with exit 3 when the JWKS is empty, unreachable or not JSON, and writes nothing', async () => {
    const dir = freshDir();
    for (const [m, reason] of [
      ['empty-jwks', /the lookup's JWKS holds no keys/],
      ['jwks-500', /Cannot read the lookup's JWKS \(GET \/.well-known\/jwks.json: 500\)/],
      ['jwks-garbage', /Cannot read the lookup's JWKS/],
    ] as const) {
      mode = m;
      await expectRefused(dir, 3, reason);
      expect(existsSync(join(dir, 'trusted-jwks.json'))).toBe(false);
    }
  });

  it('trusts the first keys it sees, then refuses a swapped or added key, an empty JWKS and a forged snapshot, applying nothing', async () => {
    const dir = freshDir();
    await expectSynced(dir, /Trusting on first use the lookup's 1 key\(s\)[\s\S]*Snapshot verified: 3 entries/);
    expect(trustedKids(dir)).toEqual([registryKid]);
    await addNumber();

    mode = 'attacker'; // the lookup's address now serves the attacker's key and its re-signed feed
    await expectRefused(dir, 3, new RegExp(`serves none of the trusted keys \\(${registryKid}\\); it serves ${attacker.kid}`));
    mode = 'attacker-added'; // a new key beside the trusted one is not trusted for appearing there
    const err = await expectRefused(dir, 3, new RegExp(`Change \\d+ \\(\\+\\d+\\) is signed by key ${attacker.kid}, which is not trusted`));
    expect(err).toMatch(new RegExp(`The lookup also serves key ${attacker.kid}, NOT trusted`));
    mode = 'empty-jwks';
    await expectRefused(dir, 3, /holds no keys/);
    expect(trustedKids(dir)).toEqual([registryKid]);

    // A forced snapshot (410) from the altered lookup: refused as a whole.
    await h.ds.query(`UPDATE registry_state SET retained_from = version WHERE id = 1`);
    await addNumber();
    mode = 'attacker-added';
    await expectRefused(dir, 3, new RegExp(`The snapshot is signed by key ${attacker.kid}, which is not trusted`));

    mode = 'pass'; // the honest lookup again: the copy catches up
    await expectSynced(dir, /Copy resumed[\s\S]*Snapshot verified: 5 entries/);
  });

  it('--jwks FILE trusts only that file: the registry key syncs, another key is refused, the lookup JWKS is not read', async () => {
    const pinnedFile = join(tmp, 'registry-jwks.json');
    writeFileSync(pinnedFile, JSON.stringify(registryJwks));
    const attackerFile = join(tmp, 'attacker-jwks.json');
    writeFileSync(attackerFile, JSON.stringify({ keys: [attacker.jwk] }));
    const emptyFile = join(tmp, 'empty-jwks.json');
    writeFileSync(emptyFile, '{"keys":[]}');

    const dir = freshDir();
    mode = 'empty-jwks'; // not read with --jwks
    await expectSynced(
      dir,
      new RegExp(`Trusting 1 pinned key\\(s\\) of .*: ${registryKid}[\\s\\S]*Snapshot verified`),
      '--jwks',
      pinnedFile,
    );
    expect(existsSync(join(dir, 'trusted-jwks.json'))).toBe(false);
    await addNumber();
    mode = 'attacker';
    await expectRefused(dir, 3, new RegExp(`signed by key ${attacker.kid}, which is not trusted`), '--jwks', pinnedFile);
    mode = 'tampered'; // signed by the trusted key, but the line says something else: exit 4
    await expectRefused(
      dir,
      4,
      /Change \d+ \(\+\d+\) FAILED verification \(disagrees with its signature: lbl differs/,
      '--jwks',
      pinnedFile,
    );
    mode = 'replayed';
    await expectRefused(dir, 4, /FAILED verification \(its signature is for registry version \d+\)/, '--jwks', pinnedFile);

    mode = 'pass';
    const other = freshDir();
    await expectRefused(other, 3, new RegExp(`The snapshot is signed by key ${registryKid}, which is not trusted`), '--jwks', attackerFile);
    await expectRefused(other, 3, /holds no keys/, '--jwks', emptyFile);
    expect(copyOf(other)).toBeNull();
  });

  it('--pin-kid trusts only that key of the lookup JWKS, and only under its own thumbprint', async () => {
    await expectSynced(
      freshDir(),
      new RegExp(`Trusting 1 pinned key\\(s\\): ${registryKid}[\\s\\S]*Snapshot verified`),
      '--pin-kid',
      registryKid,
    );
    const dir = freshDir();
    await expectRefused(
      dir,
      3,
      new RegExp(`holds none of the pinned keys \\(${attacker.kid}\\); it holds ${registryKid}`),
      '--pin-kid',
      attacker.kid,
    );
    mode = 'impostor';
    await expectRefused(dir, 3, /its kid is not its RFC 7638 thumbprint/, '--pin-kid', registryKid);
    expect(copyOf(dir)).toBeNull();
  });

  it('a real rotation stops a copy trusting on first use until the operator accepts the new kid, then it follows', async () => {
    const dir = freshDir();
    await expectSynced(dir, /Trusting on first use/);
    const rotated = await adminCli('signing-key', 'rotate');
    expect(rotated.code).toBe(0);
    const newKid = /new key (\S+)/.exec(rotated.stdout[0])![1];
    // The registry re-signs in the background: the feed soon carries entries signed by the new key.
    await within(EVENTUALLY_MS, async () => {
      expect(Number((await h.ds.query(`SELECT count(*) FROM registry_changes WHERE kid = $1`, [newKid]))[0].count)).toBeGreaterThan(0);
    });
    await caughtUp();
    await within(EVENTUALLY_MS, async () => expect((await lookupJwks()).keys.map((k) => k.kid)).toContain(newKid));
    await expectRefused(dir, 3, new RegExp(`${newKid}[\\s\\S]*--accept-kid`));
    await expectSynced(
      dir,
      new RegExp(`Now trusting key ${newKid} \\(accepted with --accept-kid\\)[\\s\\S]*Applied [1-9]`),
      '--accept-kid',
      newKid,
    );
    expect(trustedKids(dir)).toEqual([registryKid, newKid]);
  });
});
