import {
  assertMayChangeAccount,
  assertMayDecideAccount,
  assertMayResetPassword,
  assertNewPasswordDiffers,
  canSeeAccount,
  organizationOfNewAccount,
} from './account-scope';

const regulator = { id: 'r1', role: 'regulator' as const, organizationId: null };
const adminA = { id: 'a1', role: 'agency_admin' as const, organizationId: 'A' };
const auditor = { id: 'x1', role: 'auditor' as const, organizationId: null };
const account = (
  id: string,
  role: 'regulator' | 'agency_admin' | 'auditor',
  organizationId: string | null,
  status = 'active' as const,
) => ({
  id,
  role,
  organizationId,
  status,
});
const peer = account('a2', 'agency_admin', 'A');
const code = (code: string) => expect.objectContaining({ code });

describe('account scope', () => {
  it('lets a regulator see everyone and an agency admin only its own organization’s admins', () => {
    expect(canSeeAccount(regulator, account('z', 'auditor', null))).toBe(true);
    expect(canSeeAccount(adminA, peer)).toBe(true);
    expect(canSeeAccount(adminA, account('b', 'agency_admin', 'B'))).toBe(false);
    expect(canSeeAccount(adminA, account('r2', 'regulator', null))).toBe(false);
    expect(canSeeAccount(auditor, peer)).toBe(false);
  });

  it('gives an agency admin’s new account its own organization, and refuses another role or organization', () => {
    expect(organizationOfNewAccount(adminA, { role: 'agency_admin' })).toBe('A');
    expect(organizationOfNewAccount(adminA, { role: 'agency_admin', organizationId: 'A' })).toBe('A');
    expect(() => organizationOfNewAccount(adminA, { role: 'agency_admin', organizationId: 'B' })).toThrow(code('FORBIDDEN'));
    expect(() => organizationOfNewAccount(adminA, { role: 'regulator' })).toThrow(code('FORBIDDEN'));
    expect(() => organizationOfNewAccount(auditor, { role: 'auditor' })).toThrow(code('FORBIDDEN'));
    expect(organizationOfNewAccount(regulator, { role: 'agency_admin', organizationId: 'B' })).toBe('B');
  });

  it('lets an agency admin change only the status of its peers, and never undo a regulator’s disabling', () => {
    expect(() => assertMayChangeAccount(adminA, peer, { status: 'disabled' }, null)).not.toThrow();
    expect(() => assertMayChangeAccount(adminA, peer, { role: 'regulator' }, null)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayChangeAccount(adminA, peer, { organizationId: 'B' }, null)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayChangeAccount(adminA, account('a1', 'agency_admin', 'A'), { status: 'disabled' }, null)).toThrow(
      code('FORBIDDEN'),
    );
    expect(() => assertMayChangeAccount(adminA, account('b', 'agency_admin', 'B'), { status: 'disabled' }, null)).toThrow(
      code('NOT_FOUND'),
    );
    const disabled = { ...peer, status: 'disabled' as const };
    expect(() => assertMayChangeAccount(adminA, disabled, { status: 'active' }, regulator)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayChangeAccount(adminA, disabled, { status: 'active' }, null)).toThrow(code('FORBIDDEN'));
    expect(() => assertMayChangeAccount(adminA, disabled, { status: 'active' }, { ...adminA, id: 'a3' })).not.toThrow();
    expect(() => assertMayChangeAccount(regulator, disabled, { status: 'active', role: 'regulator' }, regulator)).not.toThrow();
  });

  it('never resets one’s own password, nor a regulator’s except out of band', () => {
    expect(() => assertMayResetPassword(adminA, peer)).not.toThrow();
    expect(() => assertMayResetPassword(regulator, account('x', 'auditor', null))).not.toThrow();
    expect(() => assertMayResetPassword(regulator, account('r1', 'regulator', null))).toThrow(code('FORBIDDEN'));
    expect(() => assertMayResetPassword(regulator, account('r2', 'regulator', null))).toThrow(code('FORBIDDEN'));
    expect(() => assertMayResetPassword(adminA, account('r2', 'regulator', null))).toThrow(code('NOT_FOUND'));
    expect(() => assertMayResetPassword(regulator, account('r2', 'regulator', null), true)).not.toThrow();
  });

  it('wants a new password that differs from the current one', () => {
    expect(() => assertNewPasswordDiffers('same-password-1', 'same-password-1')).toThrow(code('VALIDATION_FAILED'));
    expect(() => assertNewPasswordDiffers('old-password-12', 'new-password-12')).not.toThrow();
  });
});

describe('deciding a waiting account', () => {
  it("is a regulator's only", () => {
    expect(() => assertMayDecideAccount(regulator)).not.toThrow();
    for (const actor of [adminA, auditor]) {
      expect(() => assertMayDecideAccount(actor)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    }
  });
});
