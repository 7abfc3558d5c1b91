import { DomainError } from './errors';
import { nextStatus } from './lifecycle';
import type { ReviewAction, ReviewStatus, UserRole } from './lifecycle';

/**
 * Who holds a number: the carrier that assigned it must confirm that the registering organization holds it
 * before the number can brand. A number a regulator registers without naming a carrier is confirmed by the
 * second regulator's approval (the pilot's path).
 */
export const HOLDING_STATUSES = ['pending', 'confirmed', 'denied', 'released'] as const;
export type HoldingStatus = (typeof HOLDING_STATUSES)[number];
/** A holding waiting for its carrier's word (the carriers' queue index is on it). */
export const PENDING_HOLDING_STATUS: HoldingStatus = 'pending';
export const HOLDING_SOURCES = ['carrier', 'regulator_on_behalf', 'regulator_approval', 'legacy'] as const;
export type HoldingSource = (typeof HOLDING_SOURCES)[number];
export type HoldingDecision = 'confirm' | 'deny' | 'release';

export interface HoldingState {
  carrierCode: string | null;
  status: HoldingStatus;
  source: HoldingSource | null;
}

const HOLDING_TRANSITIONS: Record<HoldingDecision, Partial<Record<HoldingStatus, HoldingStatus>>> = {
  confirm: { pending: 'confirmed' },
  deny: { pending: 'denied' },
  release: { confirmed: 'released' },
};

/** A carrier answers once; it releases only a number it confirmed. */
export function nextHoldingStatus(current: HoldingStatus, decision: HoldingDecision): HoldingStatus {
  const next = HOLDING_TRANSITIONS[decision][current];
  if (!next) throw new DomainError('INVALID_TRANSITION', `Cannot ${decision} a number whose holding is ${current}`);
  return next;
}

/** Agency admins must name the carrier that holds each number they register; regulators may leave it out. */
export function assertHoldingCarrierGiven(role: UserRole, holdingCarrier: string | null | undefined): void {
  if (role !== 'regulator' && !holdingCarrier) {
    throw new DomainError('VALIDATION_FAILED', 'holdingCarrier is required: name the carrier that assigned this number', {
      fields: [{ field: 'holdingCarrier', message: 'required', code: 'VALIDATION_FAILED' }],
    });
  }
}

/**
 * Whether a review action may go ahead given the number's holding. Approving needs the holding carrier's
 * confirmation (or, for a regulator's own registration without a carrier, stands for it: 'approval_confirms');
 * a number its carrier released cannot be reinstated. Other actions make the answer safer and always may.
 * Whoever confirmed for the carrier is one of the number's authors: the four-eyes decision bars it from approving.
 */
export function holdingAllows(
  action: ReviewAction,
  holding: HoldingState | null,
  submitterRole: UserRole | 'system' | null,
): 'ok' | 'approval_confirms' {
  if (action === 'reinstate' && holding?.status === 'released') {
    throw new DomainError('INVALID_TRANSITION', 'The holding carrier released this number; it cannot be reinstated');
  }
  if (action !== 'approve') return 'ok';
  // No record: a regulator registered it without naming a carrier (an agency admin always names one).
  if (!holding) {
    if (isRegulatorLike(submitterRole)) return 'approval_confirms';
    throw new DomainError('CARRIER_CONFIRMATION_REQUIRED', 'Name the carrier that holds this number; it must confirm before approval');
  }
  if (holding.status === 'confirmed') return 'ok';
  if (holding.status === 'pending' && holding.carrierCode === null && isRegulatorLike(submitterRole)) return 'approval_confirms';
  if (holding.status === 'pending') {
    throw new DomainError(
      'CARRIER_CONFIRMATION_REQUIRED',
      holding.carrierCode
        ? `Carrier ${holding.carrierCode} has not yet confirmed that this organization holds the number`
        : 'Name the carrier that holds this number; it must confirm before approval',
    );
  }
  throw new DomainError('CARRIER_CONFIRMATION_REQUIRED', `The holding carrier ${holding.status} this number`);
}

/** A regulator, or the CLI's system actor (which registers as a regulator does). */
function isRegulatorLike(role: UserRole | 'system' | null): boolean {
  return role === 'regulator' || role === 'system';
}

/**
 * What a number becomes when its carrier releases the line (terminated, ported away): it stops branding at once.
 * A live one is suspended (it can never be reinstated, see holdingAllows; a regulator may revoke it), a pending one is
 * rejected; anything else stays as it is (null).
 */
export function statusAfterRelease(current: ReviewStatus): ReviewStatus | null {
  if (current === 'active') return nextStatus(current, 'suspend');
  if (current === 'pending') return nextStatus(current, 'reject');
  return null;
}
