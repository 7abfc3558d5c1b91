import {
  assertFourEyes,
  fourEyesRefusal,
  initialAccountStatus,
  reviewOfAccountChange,
  originsNarrow,
  partiesBarredFrom,
  REVIEW_POLICY,
  reviewOfNewAccount,
  splitChange,
} from './review-policy';

describe('review policy: what waits for a second person', () => {
  const number = {
    brandnameId: 'b1',
    direction: 'outbound',
    allowedOrigins: ['VIETTEL', 'VINAPHONE'],
    validFrom: '2027-01-01T00:00:00.000Z',
    validTo: '2027-12-31T17:00:00.000Z',
    evidence: 'Công văn 1',
  };

  it('reviews everything shown', () => {
    const brandname = { label: 'BO TTTT', displayName: 'Bộ TT&TT', displayNameAscii: 'Bo TT&TT', callReason: null };
    const split = splitChange('brandname', brandname, {
      label: 'BO KHCN',
      displayName: 'Bộ KH&CN',
      displayNameAscii: 'Bo KH&CN',
      callReason: 'Nhắc lịch',
    });
    expect(split).toEqual({
      immediate: {},
      reviewed: { label: 'BO KHCN', displayName: 'Bộ KH&CN', displayNameAscii: 'Bo KH&CN', callReason: 'Nhắc lịch' },
    });
    expect(
      splitChange('organization', { name: 'A', parentId: null, rolloutWave: 1 }, { name: 'B', parentId: 'p', rolloutWave: 2 }),
    ).toEqual({
      immediate: { rolloutWave: 2 },
      reviewed: { name: 'B', parentId: 'p' },
    });
  });

  it('drops fields equal to the live value', () => {
    expect(splitChange('number', number, { ...number })).toEqual({ immediate: {}, reviewed: {} });
  });

  it.each<[string, Record<string, unknown>, 'immediate' | 'reviewed']>([
    ['an origin removed', { allowedOrigins: ['VIETTEL'] }, 'immediate'],
    ['an origin added', { allowedOrigins: ['MOBIFONE', 'VIETTEL', 'VINAPHONE'] }, 'reviewed'],
    ['INTERNATIONAL added', { allowedOrigins: ['INTERNATIONAL', 'VIETTEL', 'VINAPHONE'] }, 'reviewed'],
    ['origins cleared (every domestic carrier)', { allowedOrigins: [] }, 'reviewed'],
    ['a later start', { validFrom: '2027-02-01T00:00:00.000Z' }, 'immediate'],
    ['an earlier start', { validFrom: '2026-12-01T00:00:00.000Z' }, 'reviewed'],
    ['the start cleared', { validFrom: null }, 'reviewed'],
    ['an earlier end', { validTo: '2027-06-30T17:00:00.000Z' }, 'immediate'],
    ['a later end', { validTo: '2028-12-31T17:00:00.000Z' }, 'reviewed'],
    ['the end cleared', { validTo: null }, 'reviewed'],
    ['another brandname', { brandnameId: 'b2' }, 'reviewed'],
    ['another direction', { direction: 'inbound_only' }, 'reviewed'],
    ['new evidence', { evidence: 'Công văn 2' }, 'immediate'],
  ])('number: %s is %s', (_what, change, where) => {
    const split = splitChange('number', number, change as never);
    expect(split[where]).toEqual(change);
    expect(split[where === 'immediate' ? 'reviewed' : 'immediate']).toEqual({});
  });

  it('splits a mixed edit: the narrowing part now, the widening part for review', () => {
    expect(splitChange('number', number, { allowedOrigins: ['VIETTEL'], validTo: null, evidence: 'x' })).toEqual({
      immediate: { allowedOrigins: ['VIETTEL'], evidence: 'x' },
      reviewed: { validTo: null },
    });
  });

  it('holds a validity window together when one end needs review', () => {
    expect(splitChange('number', number, { validFrom: '2027-03-01T00:00:00.000Z', validTo: '2028-12-31T17:00:00.000Z' })).toEqual({
      immediate: {},
      reviewed: { validFrom: '2027-03-01T00:00:00.000Z', validTo: '2028-12-31T17:00:00.000Z' },
    });
  });

  it('reads an empty origin list as every domestic carrier, never INTERNATIONAL', () => {
    expect(originsNarrow([], ['VIETTEL'])).toBe(true);
    expect(originsNarrow([], ['INTERNATIONAL'])).toBe(false);
    expect(originsNarrow(['VIETTEL'], [])).toBe(false);
    expect(originsNarrow([], [])).toBe(true);
  });

  it('narrows validity from an open window', () => {
    const open = { ...number, validFrom: null, validTo: null };
    expect(splitChange('number', open, { validFrom: '2027-01-01T00:00:00.000Z', validTo: '2027-02-01T00:00:00.000Z' }).reviewed).toEqual(
      {},
    );
  });

  it('refuses a field it has no rule for', () => {
    expect(() => splitChange('number', number, { e164: '+84912345678' } as never)).toThrow(/no rule for number.e164/);
  });

  it('lists a rule for every kind the registry edits', () => {
    expect(Object.keys(REVIEW_POLICY).sort()).toEqual(['brandname', 'carrier', 'number', 'organization', 'user']);
  });
});

describe('four eyes', () => {
  const item = { submittedBy: 'a', lastChangedBy: 'b', statusChangedBy: 'c' };
  const regulator = (id: string) => ({ id, role: 'regulator' as const, createdBy: 'root' });

  it('bars the submitter and last editor from approving, the suspender from reinstating, nobody from safer actions', () => {
    expect(partiesBarredFrom('approve', item)).toEqual(['a', 'b']);
    expect(partiesBarredFrom('reinstate', item)).toEqual(['c']);
    for (const action of ['reject', 'suspend', 'revoke'] as const) expect(partiesBarredFrom(action, item)).toEqual([]);
    expect(partiesBarredFrom('approve', { submittedBy: 'a', lastChangedBy: 'a', statusChangedBy: null })).toEqual(['a']);
  });

  it('refuses a barred party and lets anyone else act', () => {
    const barred = [regulator('a'), regulator('b')];
    expect(() => assertFourEyes('a', barred)).toThrow(expect.objectContaining({ code: 'FOUR_EYES_REQUIRED' }));
    expect(() => assertFourEyes('b', barred)).toThrow(expect.objectContaining({ code: 'FOUR_EYES_REQUIRED' }));
    expect(() => assertFourEyes('root', barred)).not.toThrow(); // a vetted regulator's creator may review it
  });

  it("treats an agency admin or auditor account as its creator's own hand", () => {
    const admin = { id: 'x', role: 'agency_admin' as const, createdBy: 'r1' };
    expect(() => assertFourEyes('r1', [admin])).toThrow(/account you created/);
    expect(() => assertFourEyes('r2', [admin])).not.toThrow();
  });
});

describe('new accounts', () => {
  it.each<[string, Parameters<typeof reviewOfNewAccount>, string, string]>([
    ['a second regulator on a fresh install', ['regulator', 1, false], 'bootstrap_pair', 'active'],
    ['a third regulator', ['regulator', 2, false], 'reviewed', 'pending'],
    ['an agency admin', ['agency_admin', 5, false], 'immediate', 'active'],
    ['an auditor', ['auditor', 5, false], 'immediate', 'active'],
    ['a regulator from the CLI on the server', ['regulator', 5, true], 'out_of_band', 'active'],
  ])('%s: %s', (_what, args, review, status) => {
    expect(reviewOfNewAccount(...args)).toBe(review);
    expect(initialAccountStatus(reviewOfNewAccount(...args))).toBe(status);
  });
});

describe('account changes', () => {
  it.each<[string, Parameters<typeof reviewOfAccountChange>, string]>([
    [
      'an agency admin promoted to regulator',
      [
        { role: 'agency_admin', status: 'active' },
        { role: 'regulator', status: 'active' },
      ],
      'reviewed',
    ],
    [
      'an auditor promoted to regulator',
      [
        { role: 'auditor', status: 'active' },
        { role: 'regulator', status: 'active' },
      ],
      'reviewed',
    ],
    [
      'a disabled regulator enabled again',
      [
        { role: 'regulator', status: 'disabled' },
        { role: 'regulator', status: 'active' },
      ],
      'reviewed',
    ],
    [
      'a regulator disabled',
      [
        { role: 'regulator', status: 'active' },
        { role: 'regulator', status: 'disabled' },
      ],
      'immediate',
    ],
    [
      'a regulator demoted to auditor',
      [
        { role: 'regulator', status: 'active' },
        { role: 'auditor', status: 'active' },
      ],
      'immediate',
    ],
    [
      'an agency admin enabled again',
      [
        { role: 'agency_admin', status: 'disabled' },
        { role: 'agency_admin', status: 'active' },
      ],
      'immediate',
    ],
  ])('%s: %s', (_what, args, review) => {
    expect(reviewOfAccountChange(...args)).toBe(review);
  });
});

describe('fourEyesRefusal', () => {
  it('says in advance what assertFourEyes would throw', () => {
    const barred = [{ id: 'a', role: 'agency_admin' as const, createdBy: 'b' }];
    expect(fourEyesRefusal('a', barred)?.code).toBe('FOUR_EYES_REQUIRED');
    expect(fourEyesRefusal('b', barred)?.code).toBe('FOUR_EYES_REQUIRED');
    expect(fourEyesRefusal('c', barred)).toBeNull();
  });
});
