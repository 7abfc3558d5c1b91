import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PublicJwk, publicJwk } from '@app/domain';
import { SigningConfig } from '@app/platform';
import { WritePipeline } from '../pipeline/write-pipeline';
import type { ActingContext } from '../common/request-context';
import { PublishedNumbersRepository } from '../publishing/published-numbers.repository';
import { EntrySigner } from './entry-signer.service';
import { appendKey } from './key-file';
import { SigningKeysRepository } from './signing-keys.repository';

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
    private readonly pipeline: WritePipeline,
    private readonly config: SigningConfig,
    private readonly signingKeys: SigningKeysRepository,
    private readonly published: PublishedNumbersRepository,
  ) {}

  /** Every key still in use: the current one, and each older one until nothing signed by it is left. */
  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const rows = await this.signingKeys.published(this.dataSource.manager);
    return { keys: rows.map((r) => publicJwk(r.kid, r.public_jwk)) };
  }

  /**
   * A new key in the key file, current from now on (under the publishers' version lock, so a publication is signed
   * wholly by one key). The previous key stays published; the registry re-signs its entries in the background.
   */
  async rotate(ctx: ActingContext): Promise<Rotation> {
    await this.signer.ensureReady(); // the key file is the one the database's current key is in
    const key = await appendKey(this.config);
    return this.pipeline.run(ctx, {
      load: (em) => this.published.lockState(em),
      apply: async (em) => {
        const previousKid = await this.signingKeys.currentKid(em);
        await this.signer.register(em, key, true);
        const rotation = { kid: key.kid, previousKid };
        return { result: rotation, audit: { action: 'signing_key.rotate', entityType: 'signing_key', entityId: key.kid, after: rotation } };
      },
    });
  }
}
