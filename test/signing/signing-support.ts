import { createHash } from 'node:crypto';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, JSONWebKeySet } from 'jose';

/** The registry CLI in-process, its output captured (shared with the other suites). */
export { cli } from '../support/cli';

/** What a carrier does by hand with jose alone: verify a compact JWS against the JWKS, and read its claims. */
export async function carrierVerify(jws: string, jwks: JSONWebKeySet, typ: string): Promise<Record<string, unknown>> {
  const { payload, protectedHeader } = await compactVerify(jws, createLocalJWKSet(jwks), { algorithms: ['ES256'] });
  if (protectedHeader.typ !== typ) throw new Error(`typ ${protectedHeader.typ}`);
  return JSON.parse(Buffer.from(payload).toString('utf8'));
}

export const kidOf = (jws: string): string => decodeProtectedHeader(jws).kid!;

/** The trailer's sha256 as a carrier computes it: over the exact bytes before the last line. */
export function bytesBeforeTrailer(raw: Buffer): { before: Buffer; trailer: string } {
  const end = raw[raw.length - 1] === 10 ? raw.length - 1 : raw.length;
  const start = raw.lastIndexOf(10, end - 1) + 1;
  return { before: raw.subarray(0, start), trailer: raw.subarray(start, end).toString('utf8') };
}

export const sha256Hex = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
