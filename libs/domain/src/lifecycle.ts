import { DomainError } from './errors';

/** Review life cycle shared by organizations, brandnames and caller numbers. */
export const REVIEW_STATUSES = ['pending', 'active', 'rejected', 'suspended', 'revoked'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

// revoke is final; rejected can only be revoked (to free its number or label for good).
const TRANSITIONS: Record<ReviewAction, Partial<Record<ReviewStatus, ReviewStatus>>> = {
  approve: { pending: 'active' },
  reject: { pending: 'rejected' },
  suspend: { active: 'suspended' },
  reinstate: { suspended: 'active' },
  revoke: { pending: 'revoked', active: 'revoked', suspended: 'revoked', rejected: 'revoked' },
};

export function nextStatus(current: ReviewStatus, action: ReviewAction): ReviewStatus {
  const next = TRANSITIONS[action][current];
  if (!next) {
    throw new DomainError('INVALID_TRANSITION', `Cannot ${action} an item whose status is ${current}`);
  }
  return next;
}

export function actionNeedsReason(action: ReviewAction): boolean {
  return action !== 'approve';
}

/** Four eyes: neither whoever submitted an item nor whoever last changed it may approve it. */
export function assertFourEyes(
  action: ReviewAction,
  actorId: string,
  item: { submittedBy: string | null; lastChangedBy: string | null },
): void {
  if (action === 'approve' && (item.submittedBy === actorId || item.lastChangedBy === actorId)) {
    throw new DomainError(
      'FOUR_EYES_REQUIRED',
      'The user who submitted or last changed this item cannot approve it; another regulator must',
    );
  }
}

export const ORGANIZATION_KINDS = ['ministry', 'judicial', 'bank', 'other'] as const;
export const NUMBER_DIRECTIONS = ['outbound', 'inbound_only'] as const;
export type NumberDirection = (typeof NUMBER_DIRECTIONS)[number];
export const USER_ROLES = ['regulator', 'agency_admin', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const CARRIER_STATUSES = ['active', 'suspended'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];

/** Brandname labels are valid for three years from approval (Decree 91/2020 Art. 23). */
export const LABEL_VALIDITY_YEARS = 3;

export function labelExpiry(approvedAt: Date): Date {
  const expires = new Date(approvedAt.getTime());
  expires.setUTCFullYear(expires.getUTCFullYear() + LABEL_VALIDITY_YEARS);
  return expires;
}
