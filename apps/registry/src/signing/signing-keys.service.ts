import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PublicJwk, publicJwk } from '@app/domain';
import { SigningConfig } from '@app/platform';
import { AuditService } from '../audit/audit.service';
import type { ActingContext } from '../common/request-context';
import { EntrySigner } from './entry-signer.service';
import { appendKey } from './key-file';

export interface Rotation {
  kid: string;
  previousKid: string | null;
}

/** The published keys (JWKS) and their rotation. */
@Injectable()
export class SigningKeysService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signer: EntrySigner,
    private readonly audit: AuditService,
    private readonly config: SigningConfig,
  ) {}

  /** Every key still in use: the current one, and each older one until nothing signed by it is left. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const rows: Array<{ kid: string; public_jwk: Record<string, string> }> = await this.dataSource.query(
      `SELECT kid, public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid`,
    );
    return { keys: rows.map((r) => publicJwk(r.kid, r.public_jwk)) };
  }

  /**
   * A new key in the key file, current from now on (under the publishers' version lock, so a publication is signed
   * wholly by one key). The previous key stays published; the registry re-signs its entries in the background.
   */
  async rotate(ctx: ActingContext): Promise<Rotation> {
    await this.signer.ensureReady(); // the key file is the one the database's current key is in
    const key = await appendKey(this.config);
    return this.dataSource.transaction(async (em) => {
      await em.query('SELECT version FROM registry_state WHERE id = 1 FOR UPDATE');
      const [previous] = await em.query(`SELECT kid FROM signing_keys WHERE "current"`);
      await this.signer.register(em, key, true);
      const rotation = { kid: key.kid, previousKid: previous?.kid ?? null };
      await this.audit.record(em, ctx, { action: 'signing_key.rotate', entityType: 'signing_key', entityId: key.kid, after: rotation });
      return rotation;
    });
  }
}
