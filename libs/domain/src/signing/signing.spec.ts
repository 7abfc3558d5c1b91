import { CompactSign, exportJWK, generateKeyPair, KeyLike } from 'jose';
import { createHash } from 'node:crypto';
import { LookupIndex } from '../lookup-index';
import { HOUR, iso, PILOT_ENTRY, T0, timedVariants } from '../lookup-entry.fixtures';
import { signedSnapshotChunks, toSyncEntry } from '../sync-entry';
import { compileEntry } from '../lookup-entry';
import { syncEntryDisagreement, answerDisagreement } from './claims-agreement';
import { entryClaims, publicJwk, REGISTRY_ISSUER, SnapshotClaims } from './entry-claims';
import { RegistrySignatureVerifier } from './entry-verifier';
import { splitLines, verifySnapshot } from './snapshot-verifier';

const sec = (ms: number) => Math.floor(ms / 1000);

describe('entryClaims', () => {
  it('says what the entry says, with exp the earlier of validTo and the label expiry', () => {
    const entry = {
      ...PILOT_ENTRY,
      validFrom: iso(T0),
      validTo: iso(T0 + 2 * HOUR),
      labelExpiresAt: iso(T0 + HOUR),
      allowedOrigins: ['VIETTEL'],
    };
    expect(entryClaims(entry, 42, 1000)).toEqual({
      iss: REGISTRY_ISSUER,
      sub: '+842439437142',
      nam: 'Bộ TT&TT',
      lbl: 'BO TTTT',
      nama: 'Bo TT&TT',
      crn: null,
      org: { code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
      status: 'active',
      dir: 'outbound',
      orig: ['VIETTEL'],
      nbf: sec(T0),
      exp: sec(T0 + HOUR),
      ver: 42,
      iat: 1000,
    });
    expect(entryClaims({ ...entry, validTo: iso(T0 + HOUR / 2) }, 1, 1).exp).toBe(sec(T0 + HOUR / 2));
  });

  it('leaves out nbf and exp when the entry has no bounds, and gives the same bytes for the same entry', () => {
    const claims = entryClaims(PILOT_ENTRY, 1, 2);
    expect(claims).not.toHaveProperty('nbf');
    expect(claims).not.toHaveProperty('exp');
    expect(JSON.stringify(entryClaims({ ...PILOT_ENTRY }, 1, 2))).toBe(JSON.stringify(claims));
  });

  it('gives the status a valid entry answers, which needs no clock', () => {
    expect(entryClaims({ ...PILOT_ENTRY, state: 'suspended' }, 1, 1).status).toBe('suspended');
    expect(entryClaims({ ...PILOT_ENTRY, direction: 'inbound_only' }, 1, 1).status).toBe('inbound_only');
    expect(entryClaims({ ...PILOT_ENTRY, state: 'suspended', direction: 'inbound_only' }, 1, 1).status).toBe('suspended');
  });

  it('writes the name in NFC', () => {
    const decomposed = 'Bộ TT&TT'.normalize('NFD');
    const entry = { ...PILOT_ENTRY, display: { ...PILOT_ENTRY.display!, name: decomposed } };
    expect(entryClaims(entry, 1, 1).nam).toBe('Bộ TT&TT'.normalize('NFC'));
  });
});

describe('claims agreement', () => {
  it('agrees with the sync entry of every mix of state, direction and dates, at any time', () => {
    for (const entry of timedVariants()) {
      const claims = entryClaims(entry, 7, 1);
      for (const now of [T0 - 4 * HOUR, T0, T0 + 4 * HOUR]) {
        const sync = toSyncEntry(compileEntry(entry), now);
        if (sync) expect({ entry, now, disagreement: syncEntryDisagreement(sync, claims) }).toEqual({ entry, now, disagreement: null });
      }
    }
  });

  it('names the first field that differs', () => {
    const claims = entryClaims(PILOT_ENTRY, 1, 1);
    const sync = toSyncEntry(compileEntry(PILOT_ENTRY), T0)!;
    expect(syncEntryDisagreement({ ...sync, number: '+84912345678' }, claims)).toMatch(/sub/);
    expect(syncEntryDisagreement({ ...sync, allowedOrigins: ['VIETTEL'] }, claims)).toMatch(/orig/);
    expect(syncEntryDisagreement({ ...sync, validTo: iso(T0) }, claims)).toMatch(/exp/);
    expect(syncEntryDisagreement({ ...sync, status: 'suspended', verdict: 'none', display: null, organization: null }, claims)).toMatch(
      /status/,
    );
    expect(syncEntryDisagreement({ ...sync, display: { ...sync.display!, name: 'Bộ Công an' } }, claims)).toMatch(/nam/);
    expect(syncEntryDisagreement({ ...sync, organization: { code: 'MPS', name: 'Bộ Công an' } }, claims)).toMatch(/org/);
    expect(
      answerDisagreement(
        { number: sync.number, status: 'active', display: { ...sync.display!, label: 'BO CA' }, organization: null },
        claims,
      ),
    ).toMatch(/lbl/);
    expect(answerDisagreement({ number: sync.number, status: 'unregistered', display: null, organization: null }, claims)).toBeNull();
  });
});

describe('signed snapshot and its verification', () => {
  let privateKey: KeyLike;
  let verifier: RegistrySignatureVerifier;
  const kid = 'k1';
  const sign = (typ: string, payload: object, key = privateKey) =>
    new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg: 'ES256', kid, typ }).sign(key);

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    verifier = new RegistrySignatureVerifier({ keys: [publicJwk(kid, await exportJWK(pair.publicKey))] });
  });

  async function snapshot(count: number): Promise<string> {
    const index = new LookupIndex();
    const rows = await Promise.all(
      Array.from({ length: count }, async (_, i) => {
        const entry = { ...PILOT_ENTRY, number: `+8424394371${String(i).padStart(2, '0')}` };
        return { entry, jws: await sign('vbr-entry+jwt', entryClaims(entry, i + 1, 1)) };
      }),
    );
    index.loadSigned(rows, count);
    let text = '';
    for await (const chunk of signedSnapshotChunks(index, T0, (c: SnapshotClaims) => sign('vbr-snapshot+jwt', c))) text += chunk;
    return text;
  }
  const check = (text: string) =>
    verifySnapshot(
      splitLines(
        (async function* () {
          // Split at awkward places: the verifier must not depend on chunk boundaries.
          for (let i = 0; i < text.length; i += 7) yield Buffer.from(text.slice(i, i + 7));
        })(),
      ),
      verifier,
    );

  it('ends with a trailer whose sha256 is of every byte before it, and verifies', async () => {
    const text = await snapshot(3);
    const lines = text.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const trailer = JSON.parse(lines[4]);
    const before = text.slice(0, text.length - lines[4].length - 1);
    expect(trailer).toEqual({
      registryVersion: 3,
      count: 3,
      sha256: createHash('sha256').update(before).digest('hex'),
      jws: expect.any(String),
    });
    expect(JSON.parse(lines[0])).toEqual({ registryVersion: 3, count: 3 });
    await expect(check(text)).resolves.toEqual({ registryVersion: 3, entries: 3, protectedNames: 0, kids: { k1: 3 } });
  });

  it('streams an empty index too', async () => {
    await expect(check(await snapshot(0))).resolves.toMatchObject({ entries: 0 });
  });

  it('fails on one changed byte anywhere, a missing or extra line, or a swapped signature', async () => {
    const text = await snapshot(3);
    const lines = text.trimEnd().split('\n');
    await expect(check(text.replace('"BO TTTT"', '"BO TTTX"'))).rejects.toThrow(/line 2: .*lbl differs/);
    await expect(check(text.replace('"registryVersion":3,"count":3}', '"registryVersion":3,"count":2}'))).rejects.toThrow(/sha256/);
    await expect(check([lines[0], lines[1], lines[3], lines[4]].join('\n') + '\n')).rejects.toThrow(/count|sha256/);
    await expect(check(lines.slice(0, 4).join('\n') + '\n')).rejects.toThrow(/no trailer/);
    await expect(check(text + lines[1] + '\n')).rejects.toThrow(/after the trailer/);
    const swapped = JSON.stringify({ ...JSON.parse(lines[1]), jws: JSON.parse(lines[2]).jws });
    await expect(check(text.replace(lines[1], swapped))).rejects.toThrow(/sub/);
    const trailerJws = JSON.parse(lines[4]).jws;
    await expect(check(text.replace(JSON.parse(lines[1]).jws, trailerJws))).rejects.toThrow(/typ/); // a trailer's JWS is no entry's
  });

  it('fails an entry signed by another key, even under the registry kid', async () => {
    const text = await snapshot(1);
    const line = JSON.parse(text.split('\n')[1]);
    const other = (await generateKeyPair('ES256')).privateKey;
    const forged = await sign('vbr-entry+jwt', entryClaims(PILOT_ENTRY, 1, 1), other);
    await expect(check(text.replace(line.jws, forged))).rejects.toThrow(/signature/);
  });
});
