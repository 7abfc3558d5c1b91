import { Injectable } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import { SnapshotClaims } from '@app/domain';

const POLL_MS = 50;
const WAIT_MS = 15_000;

/**
 * A snapshot trailer's JWS, from the registry: the lookup holds no private key, so it records the claims in
 * snapshot_signatures and waits (bounded) for the registry to sign them, on the primary (a standby is read-only, and
 * polling the primary sees the signature without waiting for replication).
 */
@Injectable()
export class TrailerSignatures {
  constructor(private readonly primary: PrimaryDatabase) {}

  async sign(claims: SnapshotClaims): Promise<string> {
    const [{ id }] = await this.primary.query(
      `INSERT INTO snapshot_signatures (registry_version, count, sha256) VALUES ($1, $2, $3) RETURNING id`,
      [claims.registryVersion, claims.count, claims.sha256],
    );
    const deadline = Date.now() + WAIT_MS;
    while (Date.now() < deadline) {
      const [row] = await this.primary.query(`SELECT jws FROM snapshot_signatures WHERE id = $1`, [id]);
      if (row?.jws) return row.jws as string;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    throw new Error('The registry did not sign the snapshot trailer in time');
  }
}
