import { DomainError } from './errors';
import { assertEnrollable, assertEnrollmentAllowed, enrollmentExpiry } from './enrollment';

const code = (run: () => unknown) => {
  try {
    run();
  } catch (err) {
    return (err as DomainError).code;
  }
  return null;
};

describe('enrollment', () => {
  it('is for a regulator account that a second person approves, never with a password', () => {
    expect(code(() => assertEnrollmentAllowed('regulator', 'reviewed', false))).toBeNull();
    expect(code(() => assertEnrollmentAllowed('regulator', 'reviewed', true))).toBe('VALIDATION_FAILED');
    expect(code(() => assertEnrollmentAllowed('regulator', 'bootstrap_pair', false))).toBe('VALIDATION_FAILED');
    expect(code(() => assertEnrollmentAllowed('agency_admin', 'immediate', false))).toBe('VALIDATION_FAILED');
  });

  it('needs both halves, an active account and a code that has not expired', () => {
    const now = new Date('2026-12-07T00:00:00Z');
    const open = {
      status: 'active' as const,
      enrollmentFirstHash: 'a',
      enrollmentSecondHash: 'b',
      enrollmentExpiresAt: enrollmentExpiry(now),
    };
    expect(code(() => assertEnrollable(open, 'a', 'b', now))).toBeNull();
    expect(code(() => assertEnrollable(open, 'a', 'x', now))).toBe('UNAUTHENTICATED');
    expect(code(() => assertEnrollable(open, 'b', 'a', now))).toBe('UNAUTHENTICATED');
    expect(code(() => assertEnrollable({ ...open, enrollmentSecondHash: null }, 'a', 'b', now))).toBe('UNAUTHENTICATED');
    expect(code(() => assertEnrollable({ ...open, status: 'pending' }, 'a', 'b', now))).toBe('UNAUTHENTICATED');
    expect(code(() => assertEnrollable(open, 'a', 'b', new Date(open.enrollmentExpiresAt.getTime())))).toBe('UNAUTHENTICATED');
    expect(code(() => assertEnrollable(null, 'a', 'b', now))).toBe('UNAUTHENTICATED');
  });
});
