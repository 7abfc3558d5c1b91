import { DomainError } from './errors';
import { assertFourEyes, labelExpiry, nextStatus, REVIEW_ACTIONS, REVIEW_STATUSES, ReviewAction, ReviewStatus } from './lifecycle';

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
    REVIEW_ACTIONS.filter((action) => !legal.some(([f, a]) => f === from && a === action)).map(
      (action) => [from, action] as const,
    ),
  );

  it.each(illegal)('refuses %s --%s--> with INVALID_TRANSITION', (from, action) => {
    expect(() => nextStatus(from, action)).toThrow(expect.objectContaining({ code: 'INVALID_TRANSITION' }));
  });

  it('treats revoked as final', () => {
    for (const action of REVIEW_ACTIONS) expect(() => nextStatus('revoked', action)).toThrow(DomainError);
  });

  it('enforces four eyes on approval by the submitter or the last changer', () => {
    const fourEyes = expect.objectContaining({ code: 'FOUR_EYES_REQUIRED' });
    expect(() => assertFourEyes('approve', 'u1', { submittedBy: 'u1', lastChangedBy: 'u1' })).toThrow(fourEyes);
    expect(() => assertFourEyes('approve', 'u1', { submittedBy: 'u1', lastChangedBy: 'u2' })).toThrow(fourEyes);
    expect(() => assertFourEyes('approve', 'u2', { submittedBy: 'u1', lastChangedBy: 'u2' })).toThrow(fourEyes);
    expect(() => assertFourEyes('approve', 'u3', { submittedBy: 'u1', lastChangedBy: 'u2' })).not.toThrow();
    expect(() => assertFourEyes('suspend', 'u1', { submittedBy: 'u1', lastChangedBy: 'u1' })).not.toThrow();
  });

  it('expires labels three years after approval', () => {
    expect(labelExpiry(new Date('2026-11-28T10:00:00Z')).toISOString()).toBe('2029-11-28T10:00:00.000Z');
  });
});
