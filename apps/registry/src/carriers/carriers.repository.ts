import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull } from 'typeorm';
import { DomainError } from '@app/domain';
import { Carrier, CarrierApiKey } from '@app/database';
import { uniqueViolation } from '../common/db-errors';
import { lockRow } from '../common/locking';

/** Carriers and their API keys (stored as SHA-256 only). */
@Injectable()
export class CarriersRepository {
  lock(em: EntityManager, id: string): Promise<Carrier> {
    return lockRow(em, Carrier, id, 'carrier');
  }

  lockKey(em: EntityManager, id: string): Promise<CarrierApiKey> {
    return lockRow(em, CarrierApiKey, id, 'API key');
  }

  byCode(em: EntityManager, code: string): Promise<Carrier | null> {
    return em.getRepository(Carrier).createQueryBuilder('c').where('upper(c.code) = upper(:code)', { code }).getOne();
  }

  all(em: EntityManager): Promise<Carrier[]> {
    return em.getRepository(Carrier).find({ order: { code: 'ASC' } });
  }

  /** Every carrier code: the origins and holding carriers a registration may name. */
  async codes(em: EntityManager): Promise<Set<string>> {
    const rows = await em.find(Carrier, { select: { code: true } });
    return new Set(rows.map((c) => c.code));
  }

  keys(em: EntityManager, carrierId?: string): Promise<CarrierApiKey[]> {
    return em.find(CarrierApiKey, { where: carrierId ? { carrierId } : {}, order: { createdAt: 'ASC' } });
  }

  liveKeyCount(em: EntityManager, carrierId: string): Promise<number> {
    return em.count(CarrierApiKey, { where: { carrierId, revokedAt: IsNull() } });
  }

  /** The carrier behind a live key, by the key's SHA-256. */
  async byLiveKeyHash(em: EntityManager, keyHash: string): Promise<{ id: string; code: string; status: string } | null> {
    const [row] = await em.query(
      `SELECT c.id, c.code, c.status FROM carrier_api_keys k JOIN carriers c ON c.id = k.carrier_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
    return row ?? null;
  }

  async save(em: EntityManager, carrier: Carrier): Promise<Carrier> {
    try {
      return await em.save(carrier);
    } catch (err) {
      if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_CODE', `Carrier code ${carrier.code} is taken`);
      throw err;
    }
  }

  saveKey(em: EntityManager, key: CarrierApiKey): Promise<CarrierApiKey> {
    return em.save(key);
  }
}
