import { DomainError } from './errors';
import { CLAIM_STATUSES, type ReviewStatus } from './lifecycle';

/**
 * Reorganizations: a `merge` moves every number of an organization to another and ends it (`merged`, with its
 * successor; its sub-organizations move under the successor); a `transfer` moves some numbers. Either is
 * proposed by one regulator, approved by another, and runs once at its effective time.
 */
export const REORGANIZATION_KINDS = ['merge', 'transfer'] as const;
export type ReorganizationKind = (typeof REORGANIZATION_KINDS)[number];

export const REORGANIZATION_STATUSES = ['pending', 'scheduled', 'completed', 'cancelled', 'failed'] as const;
export type ReorganizationStatus = (typeof REORGANIZATION_STATUSES)[number];

export type ReorganizationAction = 'approve' | 'cancel' | 'run' | 'fail';

const TRANSITIONS: Record<ReorganizationAction, Partial<Record<ReorganizationStatus, ReorganizationStatus>>> = {
  approve: { pending: 'scheduled' },
  cancel: { pending: 'cancelled', scheduled: 'cancelled' },
  run: { scheduled: 'completed' },
  // Due, but no longer valid (a target suspended meanwhile): nothing moves, the old names keep answering.
  fail: { scheduled: 'failed' },
};

export function nextReorganizationStatus(current: ReorganizationStatus, action: ReorganizationAction): ReorganizationStatus {
  const next = TRANSITIONS[action][current];
  if (!next) throw new DomainError('INVALID_TRANSITION', `Cannot ${action} a reorganization whose status is ${current}`);
  return next;
}

/** Statuses in which a reorganization still claims its source organization and numbers. */
/** A proposed reorganization waits for a second person. */
export const INITIAL_REORGANIZATION_STATUS: ReorganizationStatus = 'pending';

export const OPEN_REORGANIZATION_STATUSES: readonly ReorganizationStatus[] = ['pending', 'scheduled'];

/** Approved, waiting for its effective time: what the scheduler runs when due. */
export const SCHEDULED_REORGANIZATION_STATUS: ReorganizationStatus = 'scheduled';

/** The hint a moved number's change-feed entry carries. */
export interface ReorganizationHint {
  id: string;
  kind: ReorganizationKind;
  movedFrom: { organizationCode: string };
}

export interface ReorganizationOrg {
  id: string;
  code: string;
  status: ReviewStatus;
  parentId: string | null;
}

export interface ReorganizationNumber {
  id: string;
  organizationId: string;
  status: ReviewStatus;
}

export interface ReorganizationPlan {
  kind: ReorganizationKind;
  from: ReorganizationOrg;
  to: ReorganizationOrg;
  /** The target's chain: the target, then its parents up to the root. */
  toChain: readonly ReorganizationOrg[];
  brandname: { organizationId: string; status: ReviewStatus; label: string };
  /** For a transfer: the numbers named, as found (a missing one is absent). */
  numberIds: readonly string[] | null;
  numbers: readonly ReorganizationNumber[];
}

const NON_FINAL = CLAIM_STATUSES;

/**
 * The rules a reorganization must meet when proposed and again when it runs (things change in between):
 * - the source is live (active or suspended): a pending, rejected, revoked or merged one has nothing to move;
 * - the target organization and brandname are active, and the brandname is the target's own (the rule every
 *   number follows: it shows its own organization's brandname), so nothing moves onto an unapproved name;
 * - a merge's target is not inside the source's tree (its sub-organizations move under the target);
 * - a transfer names at least one number, each a non-final number of the source.
 */
export function checkReorganization(plan: ReorganizationPlan): void {
  const { kind, from, to, brandname } = plan;
  if (from.id === to.id) throw new DomainError('TARGET_NOT_ALLOWED', 'The source and the target organization must differ');
  if (from.status !== 'active' && from.status !== 'suspended') {
    throw new DomainError('INVALID_TRANSITION', `Organization ${from.code} is ${from.status}; only a live organization can be reorganized`);
  }
  if (to.status !== 'active') throw new DomainError('TARGET_NOT_ACTIVE', `The target organization ${to.code} is ${to.status}, not active`);
  if (brandname.status !== 'active') {
    throw new DomainError('TARGET_NOT_ACTIVE', `The target brandname "${brandname.label}" is ${brandname.status}, not active`);
  }
  if (brandname.organizationId !== to.id) {
    throw new DomainError('TARGET_NOT_ALLOWED', `The brandname "${brandname.label}" is not one of ${to.code}'s own brandnames`);
  }
  if (plan.toChain.some((o) => o.status !== 'active')) {
    throw new DomainError('TARGET_NOT_ACTIVE', `An organization above ${to.code} is not active`);
  }
  if (kind === 'merge') {
    if (plan.numberIds !== null) throw new DomainError('VALIDATION_FAILED', 'A merge moves every number; numberIds is for a transfer');
    if (plan.toChain.some((o) => o.id === from.id)) {
      throw new DomainError('TARGET_NOT_ALLOWED', `${to.code} belongs to ${from.code}; it cannot be merged into its own sub-organization`);
    }
    return;
  }
  if (!plan.numberIds || plan.numberIds.length === 0) {
    throw new DomainError('VALIDATION_FAILED', 'A transfer names the numbers it moves (numberIds)', {
      fields: [{ field: 'numberIds', message: 'numberIds must list at least one number' }],
    });
  }
  const found = new Map(plan.numbers.map((n) => [n.id, n]));
  for (const id of plan.numberIds) {
    const n = found.get(id);
    if (!n || n.organizationId !== from.id || !NON_FINAL.includes(n.status)) {
      throw new DomainError('NOT_FOUND', `Number ${id} is not a current number of ${from.code}`, {
        fields: [{ field: 'numberIds', message: `${id} is not a current number of ${from.code}` }],
      });
    }
  }
}
