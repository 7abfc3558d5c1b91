import { DomainError } from './errors';
import type { UserRole } from './lifecycle';

/**
 * The second factor (TOTP, RFC 6238: SHA-1, 6 digits, 30 s). A password alone is the only thing between an attacker
 * and four eyes' second pair; with `SECOND_FACTOR=required` every regulator and auditor enrols one at its first
 * sign-in, an organization may require it of its agency admins, and anyone may opt in. Once enrolled it is asked
 * at every sign-in. Its holder enrols it (the secret is shown to the holder only); resetting someone's is a
 * reviewed change, and whoever asked for the reset can from then on act as the account (four-eyes.ts).
 */
export const SECOND_FACTOR_MODES = ['required', 'optional'] as const;
export type SecondFactorMode = (typeof SECOND_FACTOR_MODES)[number];

/** Whose accounts need a second factor when the registry requires it: those who decide and those who watch. */
export const SECOND_FACTOR_ROLES: readonly UserRole[] = ['regulator', 'auditor'];

export const TOTP_PARAMETERS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A code of the step before or after is accepted too (clock drift between a phone and the server). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;

export interface SecondFactorHolder {
  role: UserRole;
  /** A confirmed second factor. */
  enrolled: boolean;
  /** The account's organization asks its agency admins for one. */
  organizationRequires: boolean;
}

/** What a sign-in with the right password still needs: the code, an enrolment first, or nothing. */
export type SecondFactorStep = 'verify' | 'enroll' | 'none';

export function secondFactorAtSignIn(holder: SecondFactorHolder, mode: SecondFactorMode): SecondFactorStep {
  if (holder.enrolled) return 'verify';
  const required = (mode === 'required' && SECOND_FACTOR_ROLES.includes(holder.role)) || holder.organizationRequires;
  return required ? 'enroll' : 'none';
}

/** A time step's code counts once: a step not after the last one used is a replay (someone watched it typed). */
export function isFreshStep(step: number, lastUsedStep: number | null): boolean {
  return lastUsedStep === null || step > lastUsedStep;
}

/** Enrolment replaces no confirmed factor: changing one goes through a reviewed reset (or the holder's own code). */
export function assertMayEnrollSecondFactor(enrolled: boolean): void {
  if (enrolled) {
    throw new DomainError('INVALID_TRANSITION', 'A second factor is already enrolled; ask for a reset to enrol another');
  }
}

export interface SecondFactorResetTarget {
  id: string;
  role: UserRole;
  enrolled: boolean;
  resetPending: boolean;
}

/** A regulator asks to reset another account's second factor; never its own (a second regulator approves it). */
export function assertMayRequestSecondFactorReset(actor: { id: string | null; role: UserRole }, target: SecondFactorResetTarget): void {
  if (actor.role !== 'regulator') throw new DomainError('FORBIDDEN', 'Only a regulator may reset a second factor');
  if (target.id === actor.id) throw new DomainError('FORBIDDEN', 'A second factor of your own is reset by someone else');
  if (!target.enrolled) throw new DomainError('INVALID_TRANSITION', 'This account has no second factor to reset');
  if (target.resetPending) throw new DomainError('INVALID_TRANSITION', 'A reset of this second factor already waits for approval');
}

/** Approving or refusing a reset needs one that waits. */
export function assertSecondFactorResetPending(target: SecondFactorResetTarget): void {
  if (!target.resetPending) throw new DomainError('INVALID_TRANSITION', 'No reset of this second factor waits for approval');
}
