import { calculateJwkThumbprint, CompactSign, exportJWK, generateKeyPair } from 'jose';
import { PILOT_ENTRY } from '../lookup-entry.fixtures';
import { entryClaims } from './entry-claims';
import { RegistrySignatureVerifier } from './entry-verifier';
import { trustableKeys, UntrustedKeyError } from './jwks-trust';

async function registryKey() {
  const pair = await generateKeyPair('ES256');
  const jwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey: pair.privateKey, jwk: { ...jwk, kid, alg: 'ES256', use: 'sig' } };
}

describe('trustableKeys', () => {
  it('accepts public P-256 keys named by their thumbprint', async () => {
    const { jwk } = await registryKey();
    await expect(trustableKeys({ keys: [jwk] }, 'x')).resolves.toEqual([
      { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: jwk.kid, alg: 'ES256', use: 'sig' },
    ]);
  });

  it('refuses an empty list, a non-JWKS, a private key, and another key under a kid', async () => {
    const a = await registryKey();
    const b = await registryKey();
    await expect(trustableKeys({ keys: [] }, 'the JWKS')).rejects.toThrow(/the JWKS holds no keys/);
    await expect(trustableKeys({}, 'the JWKS')).rejects.toThrow(/not a JWKS/);
    await expect(trustableKeys(null, 'the JWKS')).rejects.toThrow(/not a JWKS/);
    await expect(trustableKeys({ keys: [{ ...a.jwk, d: 'secret' }] }, 'f')).rejects.toThrow(/not a public P-256 JWK/);
    await expect(trustableKeys({ keys: [{ ...b.jwk, kid: a.jwk.kid }] }, 'f')).rejects.toThrow(/not its RFC 7638 thumbprint/);
  });
});

describe('RegistrySignatureVerifier and untrusted keys', () => {
  it('names the kid of a JWS signed by a key it does not hold', async () => {
    const a = await registryKey();
    const b = await registryKey();
    const jws = await new CompactSign(Buffer.from(JSON.stringify(entryClaims(PILOT_ENTRY, 1, 1))))
      .setProtectedHeader({ alg: 'ES256', kid: b.jwk.kid, typ: 'vbr-entry+jwt' })
      .sign(b.privateKey);
    const err = await new RegistrySignatureVerifier({ keys: [a.jwk] }).entry(jws).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UntrustedKeyError);
    expect((err as UntrustedKeyError).kid).toBe(b.jwk.kid);
    await expect(new RegistrySignatureVerifier({ keys: [b.jwk] }).entry(jws)).resolves.toMatchObject({ sub: PILOT_ENTRY.number });
  });
});
