import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, holdingAllows, HoldingState, ReviewAction, UserRole } from '@app/domain';
import { CallerNumber, NumberHolding } from '@app/database';
import { HoldingDto } from './dto/holding.dto';
import { HoldingRequest, NumberHoldingsRepository } from './number-holdings.repository';

export type { HoldingRequest } from './number-holdings.repository';

/**
 * The holding carrier's word on each number, as reviews need it: every path that registers a number opens a
 * request through the repository; reviews ask beforeReview before approving or reinstating.
 */
@Injectable()
export class NumberHoldingsService {
  constructor(private readonly repo: NumberHoldingsRepository) {}

  /**
   * Opens the holding requests of newly registered numbers that name a carrier. A regulator's registration
   * without a carrier gets its row at approval, which stands for the confirmation (a 100,000-number regulator
   * import writes no second 100,000 rows).
   */
  request(em: EntityManager, all: readonly HoldingRequest[], applicationId: string | null = null): Promise<void> {
    return this.repo.request(em, all, applicationId);
  }

  reassign(em: EntityManager, numberId: string, carrierCode: string): Promise<void> {
    return this.repo.reassign(em, numberId, carrierCode);
  }

  lock(em: EntityManager, numberId: string): Promise<NumberHolding | null> {
    return this.repo.lock(em, numberId);
  }

  map(em: EntityManager, numberIds: readonly string[]): Promise<Map<string, NumberHolding>> {
    return this.repo.map(em, numberIds);
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
    const verdict = holdingAllows(action, holding && stateOf(holding), await this.submitterRoleOf(em, n));
    if (verdict !== 'approval_confirms') return nothing;
    return () => this.repo.confirmByApproval(em, n.id, actorId);
  }

  /**
   * The submitter's role when it registered the number (frozen among its authors); for a number registered
   * before authors were kept, its account's role today. No submitter at all: the CLI's system actor.
   */
  private async submitterRoleOf(em: EntityManager, n: CallerNumber): Promise<UserRole | 'system' | null> {
    const frozen = n.reviewAuthors.find((a) => a.act === 'submitted');
    if (frozen) return frozen.role === 'carrier' ? null : frozen.role;
    if (!n.submittedBy) return 'system';
    return this.repo.roleOf(em, n.submittedBy);
  }
}

export function stateOf(h: NumberHolding): HoldingState {
  return { carrierCode: h.carrierCode, status: h.status, source: h.source };
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
