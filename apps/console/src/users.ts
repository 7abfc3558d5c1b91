import type { Me, User } from './api/types';

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
