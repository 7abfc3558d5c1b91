import type { AccountSecondFactor, Me, User } from './api/types';

/**
 * What the Người dùng page offers for an account: the registry decides (libs/domain account-scope); the console
 * only hides buttons it would refuse. A regulator manages everyone but itself; an agency admin the other agency
 * admins of its organization. A regulator's password is reset only out of band (the CLI on the server).
 */
export function accountActions(me: Me, user: User): { toggle: 'disable' | 'enable' | null; reset: boolean } {
  const manages =
    user.id !== me.id &&
    (me.role === 'regulator' || (me.role === 'agency_admin' && user.role === 'agency_admin' && user.organizationId === me.organizationId));
  if (!manages) return { toggle: null, reset: false };
  const toggle = user.status === 'active' ? 'disable' : user.status === 'disabled' ? 'enable' : null;
  return { toggle, reset: user.role !== 'regulator' };
}

/** The roles a manager may give a new account. */
export function creatableRoles(me: Me): Array<User['role']> {
  return me.role === 'regulator' ? ['agency_admin', 'auditor', 'regulator'] : me.role === 'agency_admin' ? ['agency_admin'] : [];
}

/** An enrolled regulator's state, in words (beside its status). */
export const ENROLLMENT_TEXT: Record<NonNullable<User['enrollment']>, string> = {
  awaiting_approval: 'mã kích hoạt hai phần, chờ phê duyệt',
  awaiting_holder: 'chờ người dùng kích hoạt bằng mã hai phần',
};

/**
 * What the Người dùng page offers for an account's second factor (the registry decides: libs/domain second-factor):
 * a regulator may ask to reset another account's factor when it has one and no reset waits; a waiting reset is
 * approved (when the registry's four-eyes verdict allows it) or refused by a regulator.
 */
export function secondFactorActions(me: Me, factor: AccountSecondFactor | undefined): { request: boolean; decide: boolean } {
  if (me.role !== 'regulator' || !factor) return { request: false, decide: false };
  const waiting = factor.resetRequestedBy !== null;
  return { request: factor.enrolled && !waiting && factor.userId !== me.id, decide: waiting };
}

/** An account's second factor in words (unknown while loading). */
export function secondFactorText(factor: AccountSecondFactor | undefined): string {
  if (!factor) return '—';
  return factor.enrolled ? 'Đã bật' : 'Chưa bật';
}
