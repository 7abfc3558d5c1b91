import { DomainError } from './errors';
import type { ReviewAction, UserRole } from './lifecycle';

/**
 * Who may take which review action on which kind of item: the one table the reviews service asks. A
 * regulator decides everything; an agency admin has only the emergency stop (suspend) on its own
 * organization's brandnames and numbers: it makes answers safer, and lifting it stays a regulator's
 * decision under four eyes. Auditors only read.
 */
export type ReviewItemKind = 'organization' | 'brandname' | 'number';
/**
 * Deciding a pending revision of a live item, or a requested reinstatement, is an approval or a rejection like
 * any other; `reinstate` itself only requests one (lifting a suspension takes a second person).
 */
export type ReviewStep = ReviewAction | 'revision_approve' | 'revision_reject' | 'reinstate_approve' | 'reinstate_reject';

interface ActorRule {
  steps: readonly ReviewStep[];
  kinds: readonly ReviewItemKind[];
  /** 'own': only items of the actor's organization. */
  scope: 'any' | 'own';
}

const ALL_STEPS: readonly ReviewStep[] = [
  'approve',
  'reject',
  'suspend',
  'reinstate',
  'revoke',
  'revision_approve',
  'revision_reject',
  'reinstate_approve',
  'reinstate_reject',
];

export const REVIEW_ACTORS: Record<UserRole, ActorRule> = {
  regulator: { steps: ALL_STEPS, kinds: ['organization', 'brandname', 'number'], scope: 'any' },
  agency_admin: { steps: ['suspend'], kinds: ['brandname', 'number'], scope: 'own' },
  auditor: { steps: [], kinds: [], scope: 'own' },
};

export interface ReviewActor {
  role: UserRole;
  organizationId: string | null;
}

/** Refuses (FORBIDDEN) unless the actor may take `step` on an item of `kind` belonging to `itemOrganizationId`. */
export function assertMayReview(actor: ReviewActor, step: ReviewStep, kind: ReviewItemKind, itemOrganizationId: string): void {
  if (REVIEW_ACTORS[actor.role].scope === 'own' && actor.organizationId !== itemOrganizationId) {
    throw new DomainError('FORBIDDEN', 'You can only act on your own organization');
  }
  assertRoleMayReview(actor, step, kind);
}

/**
 * The part of assertMayReview that needs no item: asked before any lock is taken, so that a role which may
 * never take a step (an agency admin deciding a revision) does not wait on, or hold, the locks of those who may.
 */
export function assertRoleMayReview(actor: ReviewActor, step: ReviewStep, kind: ReviewItemKind): void {
  const rule = REVIEW_ACTORS[actor.role];
  if (!rule.kinds.includes(kind) || !rule.steps.includes(step)) {
    throw new DomainError('FORBIDDEN', `Your role may not ${step.replace('_', ' ')} a ${kind}; a regulator decides it`);
  }
}

/** The same answer as a boolean, for clients that show or hide an action. */
export function mayReview(actor: ReviewActor, step: ReviewStep, kind: ReviewItemKind, itemOrganizationId: string): boolean {
  try {
    assertMayReview(actor, step, kind, itemOrganizationId);
    return true;
  } catch {
    return false;
  }
}
