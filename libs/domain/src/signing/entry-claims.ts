import { LookupEntry, PublishedOrganization } from '../lookup-entry';

/** The registry's `iss` in every signature it makes. */
export const REGISTRY_ISSUER = 'vn-voice-brandname-registry';
export const ENTRY_JWS_TYP = 'vbr-entry+jwt';
export const SNAPSHOT_JWS_TYP = 'vbr-snapshot+jwt';
export const SIGNING_ALG = 'ES256';

/** What a published entry's JWS says (RFC 9795 `rcd` names where they exist: nam, crn). */
export interface EntryClaims {
  iss: string;
  sub: string;
  nam: string;
  lbl: string;
  nama: string;
  crn: string | null;
  org: PublishedOrganization;
  /** The answer while the entry is valid: its status needs no clock. */
  status: 'active' | 'suspended' | 'inbound_only';
  dir: LookupEntry['direction'];
  orig: string[];
  /** Present while a narrowing of `orig` waits for a second person: origins outside it answer none, not block. */
  norig?: string[];
  nbf?: number;
  exp?: number;
  ver: number;
  iat: number;
}

const seconds = (iso: string | null): number | undefined => (iso === null ? undefined : Math.floor(Date.parse(iso) / 1000));

/**
 * The claims of a published entry at registry version `ver`, signed at `iat` (seconds). `exp` is the earlier of
 * validTo and the label's expiry; both bounds are absent when the entry has none. Field order is fixed, so the
 * same entry always gives the same bytes.
 */
export function entryClaims(entry: LookupEntry, ver: number, iat: number): EntryClaims {
  const display = entry.display!;
  const ends = [seconds(entry.validTo), seconds(entry.labelExpiresAt)].filter((s): s is number => s !== undefined);
  const claims: Omit<EntryClaims, 'ver' | 'iat'> & Partial<EntryClaims> = {
    iss: REGISTRY_ISSUER,
    sub: entry.number,
    nam: display.name.normalize('NFC'),
    lbl: display.label,
    nama: display.nameAscii,
    crn: display.callReason,
    org: { code: entry.organization!.code, name: entry.organization!.name },
    status: statusWhenValid(entry),
    dir: entry.direction,
    orig: [...entry.allowedOrigins],
  };
  if (entry.narrowedOrigins) claims.norig = [...entry.narrowedOrigins];
  const nbf = seconds(entry.validFrom);
  if (nbf !== undefined) claims.nbf = nbf;
  if (ends.length) claims.exp = Math.min(...ends);
  claims.ver = ver;
  claims.iat = iat;
  return claims as EntryClaims;
}

export function statusWhenValid(entry: LookupEntry): EntryClaims['status'] {
  if (entry.state === 'suspended') return 'suspended';
  return entry.direction === 'inbound_only' ? 'inbound_only' : 'active';
}

/** The snapshot trailer's signed part. */
export interface SnapshotClaims {
  registryVersion: number;
  count: number;
  sha256: string;
}

/** A key as the JWKS publishes it: whitelisted public members only, so a private `d` can never leave. */
export interface PublicJwk {
  kty: string;
  crv: string;
  x: string;
  y: string;
  kid: string;
  alg: typeof SIGNING_ALG;
  use: 'sig';
}

export function publicJwk(kid: string, jwk: { kty?: unknown; crv?: unknown; x?: unknown; y?: unknown }): PublicJwk {
  return { kty: String(jwk.kty), crv: String(jwk.crv), x: String(jwk.x), y: String(jwk.y), kid, alg: SIGNING_ALG, use: 'sig' };
}
