import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { CarrierKeyRow } from './carrier-directory';

/** The carriers and their API keys not revoked (hashes only), as the lookup's directory holds them. */
@Injectable()
export class CarrierKeysRepository {
  unrevokedKeys(em: EntityManager): Promise<CarrierKeyRow[]> {
    return em.query(
      `SELECT k.key_hash, c.code, c.status FROM carrier_api_keys k JOIN carriers c ON c.id = k.carrier_id
        WHERE k.revoked_at IS NULL`,
    );
  }

  async carrierCodes(em: EntityManager): Promise<string[]> {
    const rows: Array<{ code: string }> = await em.query('SELECT code FROM carriers');
    return rows.map((c) => c.code);
  }
}
