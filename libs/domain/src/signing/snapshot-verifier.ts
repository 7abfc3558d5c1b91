import { SyncEntry } from '../sync-entry';
import { syncEntryDisagreement } from './claims-agreement';
import { RegistrySignatureVerifier } from './entry-verifier';
import { SnapshotDigest } from './snapshot-digest';
import { protectedNameDisagreement } from '../screening/name-claims-agreement';
import type { SyncProtectedName } from '../sync-entry';

export interface SnapshotReport {
  registryVersion: number;
  entries: number;
  /** Protected names the header carried, each verified (0 for a snapshot without them). */
  protectedNames: number;
  kids: Record<string, number>;
}

export class SnapshotVerificationError extends Error {
  constructor(
    readonly line: number,
    reason: string,
    cause?: unknown,
  ) {
    super(`line ${line}: ${reason}`, { cause });
  }
}

/**
 * Verifies an NDJSON snapshot as /v1/sync/snapshot writes it, line by line (a million lines are never held):
 * the header, every entry's JWS and its agreement with the line, then the trailer (count, the SHA-256 of every
 * byte before it, and its own JWS). Stops at the first bad line.
 */
export async function verifySnapshot(lines: AsyncIterable<Buffer>, verifier: RegistrySignatureVerifier): Promise<SnapshotReport> {
  const digest = new SnapshotDigest();
  let header: { registryVersion: number; count: number } | undefined;
  let entries = 0;
  let n = 0;
  let trailerSeen = false;
  let names = 0;
  const kids: Record<string, number> = {};
  for await (const bytes of lines) {
    n++;
    if (trailerSeen) throw new SnapshotVerificationError(n, 'a line after the trailer');
    const line = parse(bytes, n);
    if (!header) {
      if (typeof line.registryVersion !== 'number' || typeof line.count !== 'number' || 'jws' in line) {
        throw new SnapshotVerificationError(n, 'the first line is not a {registryVersion, count} header');
      }
      header = line as { registryVersion: number; count: number };
      names = await verifyHeaderNames(line.protectedNames, verifier);
    } else if (typeof line.sha256 === 'string') {
      trailerSeen = true;
      const expected = digest.claims(header.registryVersion, entries);
      const signed = await verifier.snapshot(line.jws).catch((err: Error) => {
        throw new SnapshotVerificationError(n, `trailer signature: ${err.message}`, err);
      });
      for (const field of ['registryVersion', 'count', 'sha256'] as const) {
        if (signed[field] !== line[field]) throw new SnapshotVerificationError(n, `the trailer's ${field} is not the signed one`);
        if (expected[field] !== line[field]) throw new SnapshotVerificationError(n, `the trailer's ${field} does not match the snapshot`);
      }
      if (header.count !== entries) throw new SnapshotVerificationError(1, `the header counts ${header.count} entries, not ${entries}`);
      continue;
    } else {
      entries++;
      const claims = await verifier.entry(line.jws).catch((err: Error) => {
        throw new SnapshotVerificationError(n, `signature of ${String(line.number)}: ${err.message}`, err);
      });
      const disagreement = syncEntryDisagreement(line as unknown as SyncEntry, claims);
      if (disagreement) throw new SnapshotVerificationError(n, `${String(line.number)}: ${disagreement}`);
      const kid = kidOf(line.jws as string);
      kids[kid] = (kids[kid] ?? 0) + 1;
    }
    digest.update(bytes);
    digest.update('\n');
  }
  if (!header) throw new SnapshotVerificationError(1, 'empty snapshot');
  if (!trailerSeen) throw new SnapshotVerificationError(n + 1, 'no trailer: the snapshot is incomplete');
  return { registryVersion: header.registryVersion, entries, protectedNames: names, kids };
}

/**
 * The header's protected names (absent in a snapshot from before them): each signed (typ vbr-protected-name+jwt)
 * for its own version, and saying what the entry beside it says. Line 1 is the header.
 */
async function verifyHeaderNames(value: unknown, verifier: RegistrySignatureVerifier): Promise<number> {
  if (value === undefined) return 0;
  if (!Array.isArray(value)) throw new SnapshotVerificationError(1, 'protectedNames is not a list');
  for (const name of value as SyncProtectedName[]) {
    const { version, jws, ...entry } = name ?? ({} as SyncProtectedName);
    const claims = await verifier.protectedName(jws).catch((err: Error) => {
      throw new SnapshotVerificationError(1, `signature of protected name ${String(entry.term)}: ${err.message}`, err);
    });
    const disagreement =
      protectedNameDisagreement(entry, claims) ?? (claims.ver !== version ? `signed for version ${claims.ver}, not ${version}` : null);
    if (disagreement) throw new SnapshotVerificationError(1, `protected name ${String(entry.term)}: ${disagreement}`);
  }
  return value.length;
}

function parse(bytes: Buffer, n: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new SnapshotVerificationError(n, 'not a JSON object');
}

/** The `kid` of a compact JWS's protected header (already verified by then). */
export function kidOf(jws: string): string {
  const header = JSON.parse(Buffer.from(jws.slice(0, jws.indexOf('.')), 'base64url').toString('utf8')) as { kid?: string };
  return header.kid ?? '';
}

/** The lines of a byte stream, without their newlines; a last line without one is still a line. */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let rest: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    let buf = rest.length ? Buffer.concat([rest, Buffer.from(chunk)]) : Buffer.from(chunk);
    let at: number;
    while ((at = buf.indexOf(10)) !== -1) {
      yield buf.subarray(0, at);
      buf = buf.subarray(at + 1);
    }
    rest = buf;
  }
  if (rest.length) yield rest;
}
