import {
  bootstrapsRegistry,
  initialAccountStatus,
  originsNarrow,
  pendingOriginNarrowing,
  REVIEW_POLICY,
  reviewOfAccountChange,
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
    // Removing an origin waits too: until confirmed it answers none, not block (pendingOriginNarrowing).
    ['an origin removed', { allowedOrigins: ['VIETTEL'] }, 'reviewed'],
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
    expect(splitChange('number', number, { validFrom: '2027-02-01T00:00:00.000Z', allowedOrigins: ['VIETTEL'], evidence: 'x' })).toEqual({
      immediate: { validFrom: '2027-02-01T00:00:00.000Z', evidence: 'x' },
      reviewed: { allowedOrigins: ['VIETTEL'] },
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

describe('new accounts', () => {
  it.each<[string, Parameters<typeof reviewOfNewAccount>, string, string]>([
    [
      'the first regulator of an empty registry (CLI)',
      ['regulator', { bootstrapped: false, regulators: 0 }, 'cli'],
      'installation',
      'active',
    ],
    ['a second regulator before the bootstrap', ['regulator', { bootstrapped: false, regulators: 1 }, 'api'], 'bootstrap_pair', 'active'],
    ['a second regulator from the CLI', ['regulator', { bootstrapped: false, regulators: 1 }, 'cli'], 'reviewed', 'pending'],
    ['a third regulator', ['regulator', { bootstrapped: true, regulators: 2 }, 'api'], 'reviewed', 'pending'],
    ['a regulator from the CLI after the bootstrap', ['regulator', { bootstrapped: true, regulators: 2 }, 'cli'], 'reviewed', 'pending'],
    // Demoting or disabling every other regulator never re-arms the bootstrap.
    [
      'a regulator when one is left after the bootstrap',
      ['regulator', { bootstrapped: true, regulators: 1 }, 'api'],
      'reviewed',
      'pending',
    ],
    [
      'a regulator when none is active after the bootstrap',
      ['regulator', { bootstrapped: true, regulators: 0 }, 'cli'],
      'reviewed',
      'pending',
    ],
    ['an agency admin', ['agency_admin', { bootstrapped: true, regulators: 5 }, 'api'], 'immediate', 'active'],
    ['an auditor', ['auditor', { bootstrapped: false, regulators: 1 }, 'cli'], 'immediate', 'active'],
  ])('%s: %s', (_what, args, review, status) => {
    expect(reviewOfNewAccount(...args)).toBe(review);
    expect(initialAccountStatus(reviewOfNewAccount(...args))).toBe(status);
  });

  it('records the bootstrap once, when a second regulator first exists', () => {
    expect(bootstrapsRegistry('regulator', 'active', { bootstrapped: false, regulators: 0 })).toBe(false);
    expect(bootstrapsRegistry('regulator', 'active', { bootstrapped: false, regulators: 1 })).toBe(true);
    expect(bootstrapsRegistry('regulator', 'pending', { bootstrapped: false, regulators: 1 })).toBe(false);
    expect(bootstrapsRegistry('regulator', 'active', { bootstrapped: true, regulators: 1 })).toBe(false);
    expect(bootstrapsRegistry('auditor', 'active', { bootstrapped: false, regulators: 1 })).toBe(false);
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

describe('a narrowing of origins waiting for a second person', () => {
  it('leaves the narrowed list, which answers none (not block) for what it removes', () => {
    expect(pendingOriginNarrowing(['VIETTEL', 'VINAPHONE'], { allowedOrigins: ['VIETTEL'] })).toEqual(['VIETTEL']);
    expect(pendingOriginNarrowing([], { allowedOrigins: ['VINAPHONE', 'VIETTEL'] })).toEqual(['VIETTEL', 'VINAPHONE']);
  });
  it('is nothing for a widening, an unchanged list or a revision of other fields', () => {
    expect(pendingOriginNarrowing(['VIETTEL'], { allowedOrigins: ['INTERNATIONAL', 'VIETTEL'] })).toBeNull();
    expect(pendingOriginNarrowing(['VIETTEL'], { allowedOrigins: [] })).toBeNull();
    expect(pendingOriginNarrowing(['VIETTEL'], { allowedOrigins: ['VIETTEL'] })).toBeNull();
    expect(pendingOriginNarrowing(['VIETTEL'], { brandnameId: 'b2' })).toBeNull();
  });
});
