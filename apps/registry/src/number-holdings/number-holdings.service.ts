import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, holdingAllows, HoldingState, ReviewAction, UserRole } from '@app/domain';

import { CallerNumber, NumberHolding } from '@app/database';
import { HoldingDto } from './dto/holding.dto';

export interface HoldingRequest {
  numberId: string;
  carrierCode: string | null;
}

/**
 * The holding record of each number: which carrier must confirm it, and what it (or a regulator for it) said.
 * Every path that registers a number opens one here; reviews ask it before approving or reinstating.
 */
@Injectable()
export class NumberHoldingsService {
  /**
   * Opens the holding requests of newly registered numbers that name a carrier (pending: it has not answered).
   * A regulator's registration without a carrier gets its row at approval, which stands for the confirmation
   * (a 100,000-number regulator import writes no second 100,000 rows).
   */
  async request(em: EntityManager, all: readonly HoldingRequest[], applicationId: string | null = null): Promise<void> {
    const rows = all.filter((r) => r.carrierCode);
    if (rows.length === 0) return;
    await em.query(
      `INSERT INTO number_holdings (number_id, carrier_code, application_id, status)
       SELECT n, NULLIF(c, ''), $3::uuid, 'pending' FROM unnest($1::uuid[], $2::varchar[]) AS r(n, c)`,
      [rows.map((r) => r.numberId), rows.map((r) => r.carrierCode ?? ''), applicationId],
    );
  }

  /** Names a new holding carrier for a number still awaiting its word (an applicant's correction). */
  async reassign(em: EntityManager, numberId: string, carrierCode: string): Promise<void> {
    await em.query(`UPDATE number_holdings SET carrier_code = $2, requested_at = now() WHERE number_id = $1 AND status = 'pending'`, [
      numberId,
      carrierCode,
    ]);
  }

  async lock(em: EntityManager, numberId: string): Promise<NumberHolding | null> {
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

  /**
   * Called by reviews before a number's status changes: approval needs its carrier's confirmation (or stands
   * for it, on a regulator's own registration without a carrier); a released number stays out. Returns what
   * to record once the action is saved.
   */
  async beforeReview(em: EntityManager, actorId: string, n: CallerNumber, action: ReviewAction): Promise<() => Promise<void>> {
    const nothing = async () => undefined;
    // Reject, suspend and revoke make the answer safer: the holding never stands in their way.
    if (action !== 'approve' && action !== 'reinstate') return nothing;
    const holding = await this.lock(em, n.id);
    const verdict = holdingAllows(action, holding && stateOf(holding), await submitterRoleOf(em, n));
    if (verdict !== 'approval_confirms') return nothing;
    return async () => {
      await em.query(
        `INSERT INTO number_holdings (number_id, status, source, decided_at, decided_by_user_id)
         VALUES ($1, 'confirmed', 'regulator_approval', now(), $2)
         ON CONFLICT (number_id) DO UPDATE
           SET status = 'confirmed', source = 'regulator_approval', decided_at = now(), decided_by_user_id = $2`,
        [n.id, actorId],
      );
    };
  }
}

export function stateOf(h: NumberHolding): HoldingState {
  return { carrierCode: h.carrierCode, status: h.status, source: h.source };
}

/**
 * The submitter's role when it registered the number (frozen among its authors); for a number registered before
 * authors were kept, its account's role today. No submitter at all: the CLI's system actor.
 */
async function submitterRoleOf(em: EntityManager, n: CallerNumber): Promise<UserRole | 'system' | null> {
  const frozen = n.reviewAuthors.find((a) => a.act === 'submitted');
  if (frozen) return frozen.role === 'carrier' ? null : frozen.role;
  if (!n.submittedBy) return 'system';
  const [submitter]: Array<{ role: UserRole }> = await em.query('SELECT role FROM users WHERE id = $1', [n.submittedBy]);
  return submitter?.role ?? null;
}

export function toHoldingDto(h: NumberHolding | undefined | null): HoldingDto | null {
  if (!h) return null;
  return {
    carrier: h.carrierCode,
    status: h.status,
    source: h.source,
    requestedAt: h.requestedAt.toISOString(),
    decidedAt: h.decidedAt ? h.decidedAt.toISOString() : null,
    reference: h.reference,
    reason: h.reason,
    releasedAt: h.releasedAt ? h.releasedAt.toISOString() : null,
    releaseReason: h.releaseReason,
  };
}

export function notHeldHere(): DomainError {
  return new DomainError('NOT_FOUND', 'No such number held with your carrier');
}
