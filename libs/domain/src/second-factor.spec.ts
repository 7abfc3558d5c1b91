import {
  assertMayEnrollSecondFactor,
  assertMayRequestSecondFactorReset,
  assertSecondFactorResetPending,
  isFreshStep,
  secondFactorAtSignIn,
} from './second-factor';

const holder = (role: 'regulator' | 'auditor' | 'agency_admin', enrolled = false, organizationRequires = false) => ({
  role,
  enrolled,
  organizationRequires,
});

describe('second factor at sign-in', () => {
  it('asks an enrolled account for its code whatever the setting', () => {
    for (const role of ['regulator', 'auditor', 'agency_admin'] as const) {
      expect(secondFactorAtSignIn(holder(role, true), 'optional')).toBe('verify');
      expect(secondFactorAtSignIn(holder(role, true), 'required')).toBe('verify');
    }
  });

  it('makes regulators and auditors enrol when required, agency admins only when their organization asks', () => {
    expect(secondFactorAtSignIn(holder('regulator'), 'required')).toBe('enroll');
    expect(secondFactorAtSignIn(holder('auditor'), 'required')).toBe('enroll');
    expect(secondFactorAtSignIn(holder('agency_admin'), 'required')).toBe('none');
    expect(secondFactorAtSignIn(holder('agency_admin', false, true), 'optional')).toBe('enroll');
    expect(secondFactorAtSignIn(holder('regulator'), 'optional')).toBe('none');
  });

  it('takes a time step once: an equal or older one is a replay', () => {
    expect(isFreshStep(100, null)).toBe(true);
    expect(isFreshStep(101, 100)).toBe(true);
    expect(isFreshStep(100, 100)).toBe(false);
    expect(isFreshStep(99, 100)).toBe(false);
  });
});

describe('enrolling and resetting a second factor', () => {
  const target = { id: 'b', role: 'regulator' as const, enrolled: true, resetPending: false };

  it('never replaces a confirmed factor by enrolling again', () => {
    expect(() => assertMayEnrollSecondFactor(true)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(() => assertMayEnrollSecondFactor(false)).not.toThrow();
  });

  it('lets a regulator ask for another account only, once, when there is a factor', () => {
    const reg = { id: 'a', role: 'regulator' as const };
    expect(() => assertMayRequestSecondFactorReset(reg, target)).not.toThrow();
    expect(() => assertMayRequestSecondFactorReset({ id: 'b', role: 'regulator' }, target)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertMayRequestSecondFactorReset({ id: 'c', role: 'agency_admin' }, target)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => assertMayRequestSecondFactorReset(reg, { ...target, enrolled: false })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
    expect(() => assertMayRequestSecondFactorReset(reg, { ...target, resetPending: true })).toThrow(
      expect.objectContaining({ code: 'INVALID_TRANSITION' }),
    );
  });

  it('decides only a reset that waits', () => {
    expect(() => assertSecondFactorResetPending(target)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    expect(() => assertSecondFactorResetPending({ ...target, resetPending: true })).not.toThrow();
  });
});
