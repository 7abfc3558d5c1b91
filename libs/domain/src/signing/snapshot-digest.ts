import { createHash, Hash } from 'node:crypto';
import { SnapshotClaims } from './entry-claims';

/**
 * The trailer's `sha256` and `count`: the hash of the exact bytes before the trailer line (header and entry lines
 * with their newlines), fed chunk by chunk as they are written, so a million lines are never held at once.
 */
export class SnapshotDigest {
  private readonly hash: Hash = createHash('sha256');

  /** Bytes written before the trailer. */
  update(chunk: string | Buffer): void {
    this.hash.update(chunk);
  }

  /** The trailer's signed part; `count`: the entry lines written. */
  claims(registryVersion: number, count: number): SnapshotClaims {
    return { registryVersion, count, sha256: this.hash.digest('hex') };
  }
}

/** The trailer line (with its newline) for signed claims. */
export function trailerLine(claims: SnapshotClaims, jws: string): string {
  return `${JSON.stringify({ registryVersion: claims.registryVersion, count: claims.count, sha256: claims.sha256, jws })}\n`;
}
