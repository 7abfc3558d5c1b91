import { DomainError } from './errors';

/**
 * The life cycle shared by organizations, brandnames and caller numbers: the only place a status changes.
 * Services ask it for the next status and never assign one themselves.
 */
// `merged` is for organizations only (the database refuses it elsewhere): terminal, set by a reorganization.
export const REVIEW_STATUSES = ['pending', 'active', 'rejected', 'suspended', 'revoked', 'merged'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_ACTIONS = ['approve', 'reject', 'suspend', 'reinstate', 'revoke'] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

/** Every reviewed item starts here; nothing it says reaches a handset until a second person approves it. */
export const INITIAL_STATUS: ReviewStatus = 'pending';

// revoke is final; rejected can only be revoked (to free its number or label for good). Edits never change a
// status: suspended stays suspended through any edit, and only reinstate lifts it.
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

/**
 * A merged organization is terminal: its numbers moved to its successor, and nothing can be approved,
 * reinstated or edited in it again. Only a live organization (active or suspended) can be merged.
 */
export function mergedStatus(current: ReviewStatus): ReviewStatus {
  if (current !== 'active' && current !== 'suspended') {
    throw new DomainError('INVALID_TRANSITION', `Cannot merge an organization whose status is ${current}`);
  }
  return 'merged';
}

export function actionNeedsReason(action: ReviewAction): boolean {
  return action !== 'approve';
}

/** Final statuses: nothing is registered under, approved in, or edited in such an item again. */
export const FINAL_STATUSES: readonly ReviewStatus[] = ['rejected', 'revoked', 'merged'];

/** Statuses whose item answers lookups (shown, or hidden while suspended) and holds its number or label. */
export const LIVE_STATUSES: readonly ReviewStatus[] = ['active', 'suspended'];

/**
 * Statuses of a claim that is not final (pending, active, suspended): one such claim per organization and number,
 * and one per label nationally (partial unique indexes whose predicates the schema test compares with this list).
 */
export const CLAIM_STATUSES: readonly ReviewStatus[] = ['pending', ...LIVE_STATUSES];

/** A revision (a reviewed change, or a reinstatement request) still waiting for its decision: at most one per item. */
export const PENDING_REVISION_STATUS = 'pending';

/**
 * How an edit applies: a draft (pending, never approved) is edited in place, since nothing of it is shown yet;
 * a live item (active or suspended) keeps answering as approved while its reviewed changes wait in a revision.
 * Rejected and revoked items are final: a new submission starts over.
 */
export function editModeOf(status: ReviewStatus): 'draft' | 'live' {
  if (status === 'pending') return 'draft';
  if (status === 'active' || status === 'suspended') return 'live';
  throw new DomainError('INVALID_TRANSITION', `A ${status} item cannot be changed; submit a new one instead`);
}

/** Accounts: a new regulator waits for a second regulator; disabled is where a refused or retired account ends. */
export const ACCOUNT_STATUSES = ['pending', 'active', 'disabled'] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];
export const ACCOUNT_ACTIONS = ['approve', 'reject', 'disable', 'enable'] as const;
export type AccountAction = (typeof ACCOUNT_ACTIONS)[number];

const ACCOUNT_TRANSITIONS: Record<AccountAction, Partial<Record<AccountStatus, AccountStatus>>> = {
  approve: { pending: 'active' },
  reject: { pending: 'disabled' },
  disable: { active: 'disabled' },
  enable: { disabled: 'active' },
};

/** Whether the life cycle allows `action` on an account in `current` (nextAccountStatus would not throw). */
export function accountActionAllowed(current: AccountStatus, action: AccountAction): boolean {
  return ACCOUNT_TRANSITIONS[action][current] !== undefined;
}

export function nextAccountStatus(current: AccountStatus, action: AccountAction): AccountStatus {
  const next = ACCOUNT_TRANSITIONS[action][current];
  if (!next) throw new DomainError('INVALID_TRANSITION', `Cannot ${action} an account whose status is ${current}`);
  return next;
}

/**
 * What kind of body an organization is: decides which protected state names it may use (protected-names). The state
 * kinds follow the bodies scams impersonate; `judicial` is the older kind for a court or a procuracy (it may use
 * both), kept for the organizations registered with it.
 */
export const ORGANIZATION_KINDS = [
  'ministry',
  'judicial',
  'bank',
  'other',
  'government',
  'national_assembly',
  'police',
  'court',
  'procuracy',
  'provincial',
  'commune',
  'tax',
  'customs',
  'social_insurance',
  'central_bank',
] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const NUMBER_DIRECTIONS = ['outbound', 'inbound_only'] as const;
export type NumberDirection = (typeof NUMBER_DIRECTIONS)[number];
export const USER_ROLES = ['regulator', 'agency_admin', 'auditor'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const CARRIER_STATUSES = ['active', 'suspended'] as const;
export type CarrierStatus = (typeof CARRIER_STATUSES)[number];
/** A carrier may look up (and answer for its numbers) while active: from its creation until a regulator suspends it. */
export const ACTIVE_CARRIER_STATUS: CarrierStatus = 'active';

/** Brandname labels are valid for three years from approval (Decree 91/2020 Art. 23). */
export const LABEL_VALIDITY_YEARS = 3;

export function labelExpiry(approvedAt: Date): Date {
  const expires = new Date(approvedAt.getTime());
  expires.setUTCFullYear(expires.getUTCFullYear() + LABEL_VALIDITY_YEARS);
  return expires;
}
