import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** The registry's public signing keys (signing_keys): the lookup reads, never writes. */
@Injectable()
export class PublicKeysRepository {
  /** Every key not retired, oldest first: the JWKS. */
  published(em: EntityManager): Promise<Array<{ kid: string; public_jwk: Record<string, string> }>> {
    return em.query(`SELECT kid, public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at, kid`);
  }
}
