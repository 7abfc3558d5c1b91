import { compactVerify, createLocalJWKSet, decodeProtectedHeader, JSONWebKeySet } from 'jose';
import { ENTRY_JWS_TYP, EntryClaims, SIGNING_ALG, SNAPSHOT_JWS_TYP, SnapshotClaims } from './entry-claims';
import { UntrustedKeyError } from './jwks-trust';
import { PROTECTED_NAME_JWS_TYP, type ProtectedNameClaims } from '../protected-names/published-protected-name';

type KeyLookup = ReturnType<typeof createLocalJWKSet>;

/**
 * Checks the registry's signatures against a JWKS (what a carrier fetched from /.well-known/jwks.json). Only
 * ES256 and only the expected `typ`: an entry's signature can never pass as a snapshot's, nor the reverse. The
 * time claims are not checked here: a snapshot holds entries whose validity starts later, and the copy applies
 * time itself (SyncEntry). A JWS whose kid is not in the JWKS fails with UntrustedKeyError (naming the kid).
 */
export class RegistrySignatureVerifier {
  private readonly keys: KeyLookup;
  private readonly kids: Set<string>;

  constructor(jwks: JSONWebKeySet) {
    this.keys = createLocalJWKSet(jwks);
    this.kids = new Set(jwks.keys.map((k) => k.kid ?? ''));
  }

  async entry(jws: unknown): Promise<EntryClaims> {
    return (await this.verify(jws, ENTRY_JWS_TYP)) as EntryClaims;
  }

  async snapshot(jws: unknown): Promise<SnapshotClaims> {
    return (await this.verify(jws, SNAPSHOT_JWS_TYP)) as SnapshotClaims;
  }

  async protectedName(jws: unknown): Promise<ProtectedNameClaims> {
    return (await this.verify(jws, PROTECTED_NAME_JWS_TYP)) as ProtectedNameClaims;
  }

  private async verify(jws: unknown, typ: string): Promise<unknown> {
    if (typeof jws !== 'string' || jws.length === 0) throw new Error('no jws');
    const kid = kidOrEmpty(jws);
    if (!this.kids.has(kid)) throw new UntrustedKeyError(kid);
    const { payload, protectedHeader } = await compactVerify(jws, this.keys, { algorithms: [SIGNING_ALG] });
    if (protectedHeader.typ !== typ) throw new Error(`typ ${String(protectedHeader.typ)} is not ${typ}`);
    return JSON.parse(new TextDecoder().decode(payload));
  }
}

function kidOrEmpty(jws: string): string {
  try {
    const { kid } = decodeProtectedHeader(jws);
    return typeof kid === 'string' ? kid : '';
  } catch {
    return ''; // not a JWS: compactVerify says so, if the empty kid were ever trusted
  }
}
