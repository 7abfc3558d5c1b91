import { Injectable } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';
import { SnapshotClaims } from '@app/domain';

/** Snapshot trailers waiting for the registry's signature (snapshot_signatures), always on the primary. */
@Injectable()
export class TrailerSignaturesRepository {
  /** Records the claims to sign; returns the request's id. */
  async request(primary: PrimaryDatabase, claims: SnapshotClaims): Promise<string> {
    const [{ id }] = await primary.query(
      `INSERT INTO snapshot_signatures (registry_version, count, sha256) VALUES ($1, $2, $3) RETURNING id`,
      [claims.registryVersion, claims.count, claims.sha256],
    );
    return id;
  }

  /** The request's JWS once the registry has signed it, else null. */
  async signature(primary: PrimaryDatabase, id: string): Promise<string | null> {
    const [row] = await primary.query(`SELECT jws FROM snapshot_signatures WHERE id = $1`, [id]);
    return row?.jws ? (row.jws as string) : null;
  }
}
