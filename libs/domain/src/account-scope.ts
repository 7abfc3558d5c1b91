import { DomainError } from './errors';
import type { AccountStatus, UserRole } from './lifecycle';

/**
 * Who may manage which account. Regulators manage every account (the review policy still decides what waits
 * for a second regulator); an agency admin manages only the agency admins of its own organization, and never
 * its own account through these routes. Nobody else manages accounts.
 */
export interface AccountManager {
  /** null: a system actor (the CLI on the server), which acts as a regulator. */
  id: string | null;
  role: UserRole;
  organizationId: string | null;
}

export interface ManagedAccount {
  id: string;
  role: UserRole;
  organizationId: string | null;
  status: AccountStatus;
}

/**
 * Approving or refusing a waiting account is a regulator's decision, in the service as on its route: the four-eyes
 * decision then says which regulator (never one who created or controls it).
 */
export function assertMayDecideAccount(actor: Pick<AccountManager, 'role'>): void {
  if (actor.role !== 'regulator') throw new DomainError('FORBIDDEN', 'Only a regulator approves or rejects an account');
}

/** Whether `actor` may see `target` at all; an account outside its scope is answered as not found. */
export function canSeeAccount(actor: AccountManager, target: Pick<ManagedAccount, 'role' | 'organizationId'>): boolean {
  if (actor.role === 'regulator') return true;
  return (
    actor.role === 'agency_admin' &&
    actor.organizationId !== null &&
    target.role === 'agency_admin' &&
    target.organizationId === actor.organizationId
  );
}

function assertVisible(actor: AccountManager, target: ManagedAccount): void {
  if (!canSeeAccount(actor, target)) throw new DomainError('NOT_FOUND', 'No such user');
}

/**
 * The organization a new account gets. An agency admin creates agency admins of its own organization only: the
 * organization comes from its session, and naming another one (or another role) is refused, not silently fixed.
 */
export function organizationOfNewAccount(actor: AccountManager, wanted: { role: UserRole; organizationId?: string | null }): string | null {
  if (actor.role === 'regulator') return wanted.organizationId ?? null;
  if (actor.role !== 'agency_admin' || wanted.role !== 'agency_admin') {
    throw new DomainError('FORBIDDEN', 'An agency admin may create agency admins of its own organization only');
  }
  if (wanted.organizationId && wanted.organizationId !== actor.organizationId) {
    throw new DomainError('FORBIDDEN', 'An agency admin may create agency admins of its own organization only');
  }
  return actor.organizationId;
}

/**
 * An agency admin may change only the status of another agency admin of its organization. Re-enabling an account
 * that a regulator (or anyone outside the organization) disabled would undo that decision: refused. `disabledBy`
 * is who made the last status change, as the account manager it was (null: unknown, treated as a regulator).
 */
export function assertMayChangeAccount(
  actor: AccountManager,
  target: ManagedAccount,
  change: { role?: UserRole; organizationId?: string | null; status?: AccountStatus },
  disabledBy: AccountManager | null,
): void {
  if (actor.role === 'regulator') return;
  assertVisible(actor, target);
  if (target.id === actor.id) throw new DomainError('FORBIDDEN', 'You cannot change your own account');
  const moves =
    (change.role !== undefined && change.role !== target.role) ||
    (change.organizationId !== undefined && change.organizationId !== target.organizationId);
  if (moves) throw new DomainError('FORBIDDEN', "An agency admin may change an account's status only");
  const enables = change.status === 'active' && target.status === 'disabled';
  if (enables && !(disabledBy && disabledBy.role === 'agency_admin' && disabledBy.organizationId === actor.organizationId)) {
    throw new DomainError('FORBIDDEN', 'This account was disabled by a regulator; only a regulator may enable it again');
  }
}

/**
 * Who may reset a password. Never one's own (change it instead). A regulator's password is never reset by
 * another single regulator: the one-time password is shown to whoever resets it, so one regulator could then
 * sign in as two and approve its own work; that reset is out of band (the CLI on the server).
 */
export function assertMayResetPassword(actor: AccountManager, target: ManagedAccount, outOfBand = false): void {
  if (outOfBand) return;
  if (target.id === actor.id) throw new DomainError('FORBIDDEN', 'Change your own password instead of resetting it');
  assertVisible(actor, target);
  if (target.role === 'regulator') {
    throw new DomainError('FORBIDDEN', "A regulator's password is reset only out of band (the CLI on the server)");
  }
}

/** A new password must differ from the current one (the length rules are the account DTO's). */
export function assertNewPasswordDiffers(currentPassword: string, newPassword: string): void {
  if (currentPassword === newPassword) {
    throw new DomainError('VALIDATION_FAILED', 'The new password must differ from the current one', {
      fields: [{ field: 'newPassword', message: 'must differ from the current password' }],
    });
  }
}
