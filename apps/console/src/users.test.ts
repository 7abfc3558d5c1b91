import { describe, expect, it } from 'vitest';
import type { Me, User } from './api/types';
import type { AccountSecondFactor } from './api/types';
import { accountActions, creatableRoles, secondFactorActions, secondFactorText } from './users';

const NO_2FA = { secondFactorEnrollmentRequired: false, secondFactorEnrolled: false };
const regulator: Me = { id: 'r1', username: 'root', role: 'regulator', organizationId: null, passwordChangeRequired: false, ...NO_2FA };
const adminA: Me = { id: 'a1', username: 'a.admin', role: 'agency_admin', organizationId: 'A', passwordChangeRequired: false, ...NO_2FA };
const user = (over: Partial<User>): User => ({
  id: 'u1',
  username: 'u',
  role: 'agency_admin',
  organizationId: 'A',
  status: 'active',
  createdBy: null,
  statusChangedBy: null,
  passwordChangeRequired: false,
  passwordChangedAt: null,
  version: 1,
  createdAt: '2026-12-01T03:00:00.000Z',
  enrollment: null,
  ...over,
});

describe('account actions', () => {
  it('lets a regulator disable, enable and reset others, never a regulator’s password nor itself', () => {
    expect(accountActions(regulator, user({}))).toEqual({ toggle: 'disable', reset: true });
    expect(accountActions(regulator, user({ status: 'disabled' }))).toEqual({ toggle: 'enable', reset: true });
    expect(accountActions(regulator, user({ id: 'r2', role: 'regulator', organizationId: null }))).toEqual({
      toggle: 'disable',
      reset: false,
    });
    expect(accountActions(regulator, user({ id: 'r1', role: 'regulator' }))).toEqual({ toggle: null, reset: false });
    expect(accountActions(regulator, user({ status: 'pending' }))).toEqual({ toggle: null, reset: true });
  });

  it('lets an agency admin manage only the other agency admins of its organization', () => {
    expect(accountActions(adminA, user({}))).toEqual({ toggle: 'disable', reset: true });
    expect(accountActions(adminA, user({ organizationId: 'B' }))).toEqual({ toggle: null, reset: false });
    expect(accountActions(adminA, user({ id: 'a1' }))).toEqual({ toggle: null, reset: false });
  });

  it('offers every role to a regulator and only agency admin to an agency admin', () => {
    expect(creatableRoles(regulator)).toEqual(['agency_admin', 'auditor', 'regulator']);
    expect(creatableRoles(adminA)).toEqual(['agency_admin']);
    expect(creatableRoles({ ...regulator, role: 'auditor' })).toEqual([]);
  });
});

describe('second-factor actions', () => {
  const factor = (over: Partial<AccountSecondFactor>): AccountSecondFactor => ({
    userId: 'u1',
    enrolled: true,
    resetRequestedBy: null,
    ...over,
  });

  it('lets a regulator ask to reset another account’s factor, only when it has one and no reset waits', () => {
    expect(secondFactorActions(regulator, factor({}))).toEqual({ request: true, decide: false });
    expect(secondFactorActions(regulator, factor({ enrolled: false }))).toEqual({ request: false, decide: false });
    expect(secondFactorActions(regulator, factor({ userId: regulator.id }))).toEqual({ request: false, decide: false });
    expect(secondFactorActions(regulator, undefined)).toEqual({ request: false, decide: false });
  });

  it('offers a waiting reset to a regulator to decide (four eyes is the registry’s verdict), never to an agency admin', () => {
    expect(secondFactorActions(regulator, factor({ resetRequestedBy: 'r2' }))).toEqual({ request: false, decide: true });
    expect(secondFactorActions(adminA, factor({ resetRequestedBy: 'r2' }))).toEqual({ request: false, decide: false });
    expect(secondFactorActions(adminA, factor({}))).toEqual({ request: false, decide: false });
  });

  it('says whether it is on', () => {
    expect([secondFactorText(factor({})), secondFactorText(factor({ enrolled: false })), secondFactorText(undefined)]).toEqual([
      'Đã bật',
      'Chưa bật',
      '—',
    ]);
  });
});
