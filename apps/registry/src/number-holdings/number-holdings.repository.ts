import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HoldingStatus, PENDING_HOLDING_STATUS as PENDING, UserRole } from '@app/domain';
import { NumberHolding } from '@app/database';

export interface HoldingRequest {
  numberId: string;
  carrierCode: string | null;
}

const CONFIRMED: HoldingStatus = 'confirmed';

/** The holding record of each number: which carrier must confirm it, and what it (or a regulator for it) said. */
@Injectable()
export class NumberHoldingsRepository {
  /** Opens the holding requests of newly registered numbers that name a carrier (pending: it has not answered). */
  async request(em: EntityManager, all: readonly HoldingRequest[], applicationId: string | null = null): Promise<void> {
    const rows = all.filter((r) => r.carrierCode);
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO number_holdings (number_id, carrier_code, application_id, status)
       SELECT n, NULLIF(c, ''), $3::uuid, $4 FROM unnest($1::uuid[], $2::varchar[]) AS r(n, c)`,
      [rows.map((r) => r.numberId), rows.map((r) => r.carrierCode ?? ''), applicationId, PENDING],
    );
  }

  /** Names a new holding carrier for a number still awaiting its word (an applicant's correction). */
  async reassign(em: EntityManager, numberId: string, carrierCode: string): Promise<void> {
    await em.query(`UPDATE number_holdings SET carrier_code = $2, requested_at = now() WHERE number_id = $1 AND status = $3`, [
      numberId,
      carrierCode,
      PENDING,
    ]);
  }

  lock(em: EntityManager, numberId: string): Promise<NumberHolding | null> {
    return em
      .getRepository(NumberHolding)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.number_id = :numberId', { numberId })
      .getOne();
  }

  async map(em: EntityManager, numberIds: readonly string[]): Promise<Map<string, NumberHolding>> {
    if (numberIds.length === 0) return new Map();
    const rows = await em
      .getRepository(NumberHolding)
      .createQueryBuilder('h')
      .where('h.number_id IN (:...ids)', { ids: numberIds })
      .getMany();
    return new Map(rows.map((h) => [h.numberId, h]));
  }

  ofApplication(em: EntityManager, applicationId: string): Promise<NumberHolding[]> {
    return em.find(NumberHolding, { where: { applicationId } });
  }

  save(em: EntityManager, h: NumberHolding): Promise<NumberHolding> {
    return em.save(h);
  }

  /** A regulator's registration without a carrier: the second regulator's approval stands for the confirmation. */
  async confirmByApproval(em: EntityManager, numberId: string, approverId: string): Promise<void> {
    await em.query(
      `INSERT INTO number_holdings (number_id, status, source, decided_at, decided_by_user_id)
       VALUES ($1, $3, 'regulator_approval', now(), $2)
       ON CONFLICT (number_id) DO UPDATE
         SET status = $3, source = 'regulator_approval', decided_at = now(), decided_by_user_id = $2`,
      [numberId, approverId, CONFIRMED],
    );
  }

  /** An account's role today (for a number registered before the submitter's role was frozen with it). */
  async roleOf(em: EntityManager, userId: string): Promise<UserRole | null> {
    const [row]: Array<{ role: UserRole }> = await em.query('SELECT role FROM users WHERE id = $1', [userId]);
    return row?.role ?? null;
  }

  /** What waits for a carrier's word, page by page (a number withdrawn or refused meanwhile no longer waits). */
  async awaiting(em: EntityManager, carrierCode: string, status: HoldingStatus, limit: number, offset: number) {
    const rows: Array<{
      number_id: string;
      e164: string;
      code: string;
      name: string;
      requested_at: Date;
      status: HoldingStatus;
      total: string;
    }> = await em.query(
      `SELECT h.number_id, n.e164, o.code, o.name, h.requested_at, h.status, count(*) OVER () AS total
           FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id JOIN organizations o ON o.id = n.organization_id
          WHERE h.carrier_code = $1 AND h.status = $2 AND (h.status <> $5 OR n.status = $5)
          ORDER BY h.requested_at, h.number_id
          LIMIT $3 OFFSET $4`,
      [carrierCode, status, limit, offset, PENDING],
    );
    return rows;
  }
}
