import { DomainError } from './errors';
import type { AccountStatus, UserRole } from './lifecycle';

/**
 * Four eyes between people, not accounts: the one decision whether a person may take a reviewing step.
 *
 * An account is not a person. Whoever created it with a password they chose or saw, reset its password (and so
 * received its one-time password), or issued the invitation whose token created it, can act as it; so can the
 * CLI's operator for every account the CLI created or reset. These control facts are recorded, append-only, and
 * control is transitive: whoever controls A1 controls what A1 created. A step is refused when one principal could
 * act both as the approver and as any author of the change under review.
 */

/** Who can act: a user account (`user:<uuid>`) or a system actor with no account (`cli:<os-user>`, `system:…`). */
export type Principal = string;

export function userPrincipal(userId: string): Principal {
  return `user:${userId}`;
}

/** The user id of a principal, or null for a system actor. */
export function userIdOfPrincipal(principal: Principal): string | null {
  return principal.startsWith('user:') ? principal.slice(5) : null;
}

/**
 * How a principal came to control an account:
 * - `created_with_password`: it created the account with a password it chose, or was shown the generated one;
 * - `reset_password`: it reset the password and received the one-time password;
 * - `reset_second_factor`: it asked for the account's second factor to be reset (whoever also knows the password
 *   then enrols a factor of its own);
 * - `invitation`: it issued the invitation whose token created the account (an applicant);
 * - `enrollment_share`: it holds one half of the account's enrollment code (its creator the first, its approver
 *   the second); the holder sets its own password with both. Only whoever controls every share controls it;
 * - `installation`: made while the registry was installed (the first regulator, the bootstrap pair). Recorded,
 *   and trusted once: whoever installs the registry hands the two first regulator accounts to two people.
 */
export const CONTROL_KINDS = [
  'created_with_password',
  'reset_password',
  'reset_second_factor',
  'invitation',
  'enrollment_share',
  'installation',
] as const;
export type ControlKind = (typeof CONTROL_KINDS)[number];

export interface ControlFact {
  accountId: string;
  controller: Principal;
  kind: ControlKind;
}

/** Whether a fact gives control in the four-eyes decision (an installation fact is recorded, not counted). */
export function givesControl(kind: ControlKind): boolean {
  return kind !== 'installation';
}

/** An enrollment code has two halves: a share gives control only together with the other. */
export const ENROLLMENT_SHARES = 2;

/**
 * Every principal that can act as the account: the account itself and, transitively, whoever controls one of
 * its controllers; for an enrollment, only whoever controls both shares. Sorted, so frozen facts compare alike.
 */
export function controllersOf(accountId: string, facts: readonly ControlFact[]): Principal[] {
  const single = new Map<string, Principal[]>();
  const shares = new Map<string, Principal[]>();
  for (const f of facts) {
    if (!givesControl(f.kind)) continue;
    const map = f.kind === 'enrollment_share' ? shares : single;
    map.set(f.accountId, [...(map.get(f.accountId) ?? []), f.controller]);
  }
  const closure = (principal: Principal, path: ReadonlySet<Principal>): Set<Principal> => {
    const out = new Set<Principal>([principal]);
    const id = userIdOfPrincipal(principal);
    if (!id || path.has(principal)) return out;
    const inPath = new Set([...path, principal]);
    for (const c of single.get(id) ?? []) for (const p of closure(c, inPath)) out.add(p);
    const held = shares.get(id) ?? [];
    if (held.length >= ENROLLMENT_SHARES) {
      const [first, ...rest] = held.map((c) => closure(c, inPath));
      for (const p of first) if (rest.every((r) => r.has(p))) out.add(p);
    }
    return out;
  };
  return [...closure(userPrincipal(accountId), new Set())].sort();
}

/** A party to a change as the decision sees it: its role, status and controllers, frozen when the facts were taken. */
export interface PartyFacts {
  principal: Principal;
  /** The account's role then; `system` for the CLI's actor, `carrier` for a carrier's key. */
  role: UserRole | 'system' | 'carrier' | null;
  status: AccountStatus | null;
  /** Every principal that could act as the party then, itself included. */
  controllers: Principal[];
}

/** What an author did to the change under review. */
export const AUTHOR_ACTS = [
  'submitted', // created the item, the application, the reorganization or the revision
  'edited', // changed a pending item in place
  'suspended', // the suspension a reinstatement would lift
  'requested_reinstate',
  'invited', // issued the invitation of an application
  'ticked_checklist', // ticked or unticked an application's checklist
  'account', // the account under review itself
  'changed_account', // created, promoted or re-enabled the account under review
  'confirmed_for_carrier', // confirmed the number's holding on its carrier's behalf
  'approved_application', // approved the application whose approval a confirmation would complete
  'requested_second_factor_reset', // asked for the account's second factor to be reset
] as const;
export type AuthorAct = (typeof AUTHOR_ACTS)[number];

export interface Author extends PartyFacts {
  act: AuthorAct;
  /** When the facts were frozen (ISO-8601). */
  at: string;
}

/** The reviewing steps that need a second person. */
export const FOUR_EYES_STEPS = [
  'approve_item',
  'approve_revision',
  'approve_reinstate',
  'approve_account',
  'approve_application',
  'approve_reorganization',
  'confirm_holding_on_behalf',
  'approve_second_factor_reset',
  'approve_protected_name',
] as const;
export type FourEyesStep = (typeof FOUR_EYES_STEPS)[number];

/** Which rule refused a step. */
export type FourEyesRule =
  'approver_not_active' | 'same_account' | 'approver_controls_author' | 'author_controls_approver' | 'shared_controller';

export interface FourEyesVerdict {
  allowed: boolean;
  code?: 'FOUR_EYES_REQUIRED';
  rule?: FourEyesRule;
  reason?: string;
}

const ACT_TEXT: Record<AuthorAct, string> = {
  submitted: 'submitted this change',
  edited: 'edited this item',
  suspended: 'suspended this item',
  requested_reinstate: 'requested this reinstatement',
  invited: 'sent the invitation of this application',
  ticked_checklist: "worked on this application's checklist",
  account: 'is the account under review',
  changed_account: 'created or changed the account under review',
  confirmed_for_carrier: 'confirmed this number for its carrier',
  approved_application: "approved this number's application",
  requested_second_factor_reset: "asked for this account's second factor to be reset",
};

/**
 * The one decision: may `approver` take `step` on a change whose authors are `authors`? Refused when the approver
 * is not active, or when one principal could act both as the approver and as any author (the same account, an
 * account that controls the other, or a common controller). The approver's facts are today's; the authors' are
 * those frozen when the change was submitted, so later resets, role flips and re-creations change nothing.
 */
export function fourEyesVerdict(step: FourEyesStep, approver: PartyFacts, authors: readonly Author[]): FourEyesVerdict {
  if (approver.role !== 'system' && approver.role !== 'carrier' && approver.status !== 'active') {
    return refuse('approver_not_active', 'Only an active account may decide');
  }
  const mine = new Set(approver.controllers);
  for (const author of authors) {
    const what = ACT_TEXT[author.act];
    if (author.principal === approver.principal) {
      return refuse('same_account', `You ${what.replace(/^is /, 'are ')}; ${another(step)}`);
    }
    if (author.controllers.includes(approver.principal)) {
      return refuse(
        'approver_controls_author',
        `The account that ${what} was created, reset or invited by you (or by an account you control), so you can act as it; ${another(step)}`,
      );
    }
    if (mine.has(author.principal)) {
      return refuse(
        'author_controls_approver',
        `Your account was created, reset or invited by the account that ${what} (or by one it controls); ${another(step)}`,
      );
    }
    const shared = author.controllers.find((p) => mine.has(p));
    if (shared) {
      return refuse('shared_controller', `${shared} can act both as you and as the account that ${what}; ${another(step)}`);
    }
  }
  return { allowed: true };
}

/** Throws FOUR_EYES_REQUIRED with the verdict's reason when the step is refused. */
export function assertFourEyes(step: FourEyesStep, approver: PartyFacts, authors: readonly Author[]): void {
  const verdict = fourEyesVerdict(step, approver, authors);
  if (!verdict.allowed) throw new DomainError('FOUR_EYES_REQUIRED', verdict.reason!, { rule: verdict.rule });
}

function refuse(rule: FourEyesRule, reason: string): FourEyesVerdict {
  return { allowed: false, code: 'FOUR_EYES_REQUIRED', rule, reason };
}

function another(step: FourEyesStep): string {
  return step === 'confirm_holding_on_behalf'
    ? 'a person who took no part in it must confirm it'
    : 'a person who took no part in it and cannot act as anyone who did must decide';
}
