import { calculateJwkThumbprint } from 'jose';
import { PublicJwk, publicJwk } from './entry-claims';

/** A JWS whose `kid` is not among the keys a verifier trusts: no signature check is even tried. */
export class UntrustedKeyError extends Error {
  constructor(readonly kid: string) {
    super(`key ${kid || '(no kid)'} is not trusted`);
  }
}

/**
 * The keys of a JWKS a carrier may trust: at least one, each a public P-256 key whose `kid` is its RFC 7638
 * thumbprint (as the registry names its keys). The thumbprint check is what makes a pinned kid pin the key itself:
 * a lookup cannot serve other key material under a trusted kid. Throws with a sentence naming `source`.
 */
export async function trustableKeys(jwks: unknown, source: string): Promise<PublicJwk[]> {
  const list = (jwks as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new Error(`${source} is not a JWKS ({"keys": [...]})`);
  if (list.length === 0) throw new Error(`${source} holds no keys: nothing could be verified`);
  const keys: PublicJwk[] = [];
  for (const [i, k] of (list as Array<Record<string, unknown>>).entries()) {
    const ok = k && k.kty === 'EC' && k.crv === 'P-256' && typeof k.x === 'string' && typeof k.y === 'string';
    if (!ok || typeof k.kid !== 'string' || 'd' in k) throw new Error(`key ${i + 1} of ${source} is not a public P-256 JWK with a kid`);
    const thumbprint = await calculateJwkThumbprint({ kty: 'EC', crv: 'P-256', x: k.x as string, y: k.y as string });
    if (thumbprint !== k.kid) throw new Error(`key ${k.kid} of ${source}: its kid is not its RFC 7638 thumbprint (${thumbprint})`);
    keys.push(publicJwk(k.kid, k));
  }
  return keys;
}
