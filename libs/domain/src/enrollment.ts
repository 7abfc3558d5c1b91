import { DomainError } from './errors';
import type { AccountStatus, UserRole } from './lifecycle';
import type { AccountReview } from './review-policy';

/**
 * Enrollment: an account whose holder sets its own password, so that no single person ever knew it. Its code
 * has two halves: the first is shown to the account's creator, the second to the person who approves the
 * account; the holder needs both (each handed over separately). Neither the creator nor the approver alone can
 * act as the account (four-eyes.ts: `enrollment_share`), so a regulator enrolled this way is a person of its own.
 */
export const ENROLLMENT_VALIDITY_DAYS = 14;

/** Only an account that a second person approves can be enrolled: the approval hands out the second half. */
export function assertEnrollmentAllowed(role: UserRole, review: AccountReview, withPassword: boolean): void {
  if (withPassword) {
    throw new DomainError('VALIDATION_FAILED', 'Give either a password or enroll, not both', {
      fields: [{ field: 'enroll', message: 'refused together with password' }],
    });
  }
  if (role !== 'regulator' || review !== 'reviewed') {
    throw new DomainError('VALIDATION_FAILED', 'Only a regulator account that a second person approves can be enrolled', {
      fields: [{ field: 'enroll', message: 'only for a regulator account waiting for approval' }],
    });
  }
}

export function enrollmentExpiry(approvedAt: Date): Date {
  return new Date(approvedAt.getTime() + ENROLLMENT_VALIDITY_DAYS * 24 * 3600 * 1000);
}

export interface EnrollmentState {
  status: AccountStatus;
  enrollmentFirstHash: string | null;
  enrollmentSecondHash: string | null;
  enrollmentExpiresAt: Date | null;
}

/**
 * Whether the holder may enroll now with halves whose hashes are given: an approved, active account with both
 * halves issued, not expired, both halves right. Every refusal is the same UNAUTHENTICATED, as a wrong password.
 */
export function assertEnrollable(account: EnrollmentState | null, firstHash: string, secondHash: string, now: Date): void {
  const ok =
    account !== null &&
    account.status === 'active' &&
    account.enrollmentFirstHash === firstHash &&
    account.enrollmentSecondHash === secondHash &&
    account.enrollmentExpiresAt !== null &&
    now.getTime() < account.enrollmentExpiresAt.getTime();
  if (!ok) throw new DomainError('UNAUTHENTICATED', 'Wrong username or enrollment code, or the code has expired');
}
