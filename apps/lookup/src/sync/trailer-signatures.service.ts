import { Injectable } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import { SnapshotClaims } from '@app/domain';
import { TrailerSignaturesRepository } from './trailer-signatures.repository';

const POLL_MS = 50;
const WAIT_MS = 15_000;

/**
 * A snapshot trailer's JWS, from the registry: the lookup holds no private key, so it records the claims in
 * snapshot_signatures and waits (bounded) for the registry to sign them, on the primary (a standby is read-only, and
 * polling the primary sees the signature without waiting for replication).
 */
@Injectable()
export class TrailerSignatures {
  constructor(
    private readonly primary: PrimaryDatabase,
    private readonly requests: TrailerSignaturesRepository,
  ) {}

  async sign(claims: SnapshotClaims): Promise<string> {
    const id = await this.requests.request(this.primary, claims);
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const jws = await this.requests.signature(this.primary, id);
      if (jws !== null) return jws;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error('The registry did not sign the snapshot trailer in time');
  }
}
