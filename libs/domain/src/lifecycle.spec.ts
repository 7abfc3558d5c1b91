import { DomainError } from './errors';
import {
  editModeOf,
  labelExpiry,
  accountActionAllowed,
  nextAccountStatus,
  nextStatus,
  REVIEW_ACTIONS,
  REVIEW_STATUSES,
  ReviewAction,
  ReviewStatus,
} from './lifecycle';

describe('review life cycle', () => {
  const legal: Array<[ReviewStatus, ReviewAction, ReviewStatus]> = [
    ['pending', 'approve', 'active'],
    ['pending', 'reject', 'rejected'],
    ['active', 'suspend', 'suspended'],
    ['suspended', 'reinstate', 'active'],
    ['pending', 'revoke', 'revoked'],
    ['active', 'revoke', 'revoked'],
    ['suspended', 'revoke', 'revoked'],
    ['rejected', 'revoke', 'revoked'],
  ];

  it.each(legal)('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  const illegal = REVIEW_STATUSES.flatMap((from) =>
    REVIEW_ACTIONS.filter((action) => !legal.some(([f, a]) => f === from && a === action)).map((action) => [from, action] as const),
  );

  it.each(illegal)('refuses %s --%s--> with INVALID_TRANSITION', (from, action) => {
    expect(() => nextStatus(from, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('treats revoked as final', () => {
    for (const action of REVIEW_ACTIONS) expect(() => nextStatus('revoked', action)).toThrow(DomainError);
  });

  it('edits a pending item in place, a live one through a revision, and never a rejected or revoked one', () => {
    expect(editModeOf('pending')).toBe('draft');
    expect(editModeOf('active')).toBe('live');
    expect(editModeOf('suspended')).toBe('live');
    for (const status of ['rejected', 'revoked'] as const) {
      expect(() => editModeOf(status)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
  });

  it('moves accounts from pending to active or disabled, and nowhere else', () => {
    expect(nextAccountStatus('pending', 'approve')).toBe('active');
    expect(nextAccountStatus('pending', 'reject')).toBe('disabled');
    for (const from of ['active', 'disabled'] as const) {
      for (const action of ['approve', 'reject'] as const) {
        expect(() => nextAccountStatus(from, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
      }
    }
  });

  it('says whether an account action is allowed exactly where nextAccountStatus would not throw', () => {
    for (const from of ['pending', 'active', 'disabled'] as const) {
      for (const action of ['approve', 'reject', 'disable', 'enable'] as const) {
        let throws = false;
        try {
          nextAccountStatus(from, action);
        } catch {
          throws = true;
        }
        expect(accountActionAllowed(from, action)).toBe(!throws);
      }
    }
    expect(accountActionAllowed('active', 'disable')).toBe(true);
    expect(accountActionAllowed('pending', 'disable')).toBe(false);
  });

  it('disables an active account and enables a disabled one; a pending account only by approve or reject', () => {
    expect(nextAccountStatus('active', 'disable')).toBe('disabled');
    expect(nextAccountStatus('disabled', 'enable')).toBe('active');
    for (const [from, action] of [
      ['pending', 'disable'],
      ['pending', 'enable'],
      ['disabled', 'disable'],
      ['active', 'enable'],
    ] as const) {
      expect(() => nextAccountStatus(from, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
    }
  });

  it('expires labels three years after approval', () => {
    expect(labelExpiry(new Date('2026-11-28T10:00:00Z')).toISOString()).toBe('2029-11-28T10:00:00.000Z');
  });
});
