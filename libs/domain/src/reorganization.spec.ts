import { DomainError } from './errors';
import { mergedStatus } from './lifecycle';
import { checkReorganization, nextReorganizationStatus, ReorganizationOrg, ReorganizationPlan } from './reorganization';

const org = (id: string, status: ReorganizationOrg['status'] = 'active', parentId: string | null = null): ReorganizationOrg => ({
  id,
  code: id.toUpperCase(),
  status,
  parentId,
});

function plan(overrides: Partial<ReorganizationPlan> = {}): ReorganizationPlan {
  const to = overrides.to ?? org('most');
  return {
    kind: 'merge',
    from: org('mic'),
    to,
    toChain: [to],
    brandname: { organizationId: to.id, status: 'active', label: 'BO KHCN' },
    numberIds: null,
    numbers: [],
    ...overrides,
  };
}

function codeOf(fn: () => void): string | undefined {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return undefined;
}

describe('reorganization life cycle', () => {
  it('pending → scheduled → completed; cancel while pending or scheduled; nothing leaves completed', () => {
    expect(nextReorganizationStatus('pending', 'approve')).toBe('scheduled');
    expect(nextReorganizationStatus('scheduled', 'run')).toBe('completed');
    expect(nextReorganizationStatus('scheduled', 'fail')).toBe('failed');
    expect(nextReorganizationStatus('pending', 'cancel')).toBe('cancelled');
    expect(nextReorganizationStatus('scheduled', 'cancel')).toBe('cancelled');
    for (const action of ['approve', 'cancel', 'run', 'fail'] as const) {
      expect(codeOf(() => nextReorganizationStatus('completed', action))).toBe('INVALID_TRANSITION');
      expect(codeOf(() => nextReorganizationStatus('cancelled', action))).toBe('INVALID_TRANSITION');
    }
    expect(codeOf(() => nextReorganizationStatus('pending', 'run'))).toBe('INVALID_TRANSITION');
  });

  it('only a live organization can be merged, and merged is final', () => {
    expect(mergedStatus('active')).toBe('merged');
    expect(mergedStatus('suspended')).toBe('merged');
    for (const s of ['pending', 'rejected', 'revoked', 'merged'] as const) expect(codeOf(() => mergedStatus(s))).toBe('INVALID_TRANSITION');
  });
});

describe('checkReorganization', () => {
  it('accepts a merge into an active organization with its own active brandname', () => {
    expect(() => checkReorganization(plan())).not.toThrow();
  });

  it('refuses a target that is not active, or under an organization that is not', () => {
    expect(codeOf(() => checkReorganization(plan({ to: org('most', 'pending') })))).toBe('TARGET_NOT_ACTIVE');
    expect(codeOf(() => checkReorganization(plan({ brandname: { organizationId: 'most', status: 'pending', label: 'X' } })))).toBe(
      'TARGET_NOT_ACTIVE',
    );
    const unit = org('unit', 'active', 'parent');
    expect(codeOf(() => checkReorganization(plan({ to: unit, toChain: [unit, org('parent', 'suspended')] })))).toBe('TARGET_NOT_ACTIVE');
  });

  it("refuses another organization's brandname, the source itself, and a merge into the source's own sub-unit", () => {
    expect(codeOf(() => checkReorganization(plan({ brandname: { organizationId: 'mps', status: 'active', label: 'BO CONG AN' } })))).toBe(
      'TARGET_NOT_ALLOWED',
    );
    expect(codeOf(() => checkReorganization(plan({ to: org('mic'), toChain: [org('mic')] })))).toBe('TARGET_NOT_ALLOWED');
    const sub = org('sub', 'active', 'mic');
    expect(
      codeOf(() =>
        checkReorganization(
          plan({ to: sub, toChain: [sub, org('mic')], brandname: { organizationId: 'sub', status: 'active', label: 'X' } }),
        ),
      ),
    ).toBe('TARGET_NOT_ALLOWED');
  });

  it('refuses a source that is not live', () => {
    for (const s of ['pending', 'rejected', 'revoked', 'merged'] as const) {
      expect(codeOf(() => checkReorganization(plan({ from: org('mic', s) })))).toBe('INVALID_TRANSITION');
    }
  });

  it('a transfer names at least one current number of the source; a merge names none', () => {
    const transfer = { kind: 'transfer' as const, numbers: [{ id: 'n1', organizationId: 'mic', status: 'suspended' as const }] };
    expect(() => checkReorganization(plan({ ...transfer, numberIds: ['n1'] }))).not.toThrow();
    expect(codeOf(() => checkReorganization(plan({ ...transfer, numberIds: [] })))).toBe('VALIDATION_FAILED');
    expect(codeOf(() => checkReorganization(plan({ ...transfer, numberIds: ['n2'] })))).toBe('NOT_FOUND');
    const revoked = { id: 'n1', organizationId: 'mic', status: 'revoked' as const };
    expect(codeOf(() => checkReorganization(plan({ kind: 'transfer', numbers: [revoked], numberIds: ['n1'] })))).toBe('NOT_FOUND');
    const elsewhere = { id: 'n1', organizationId: 'mps', status: 'active' as const };
    expect(codeOf(() => checkReorganization(plan({ kind: 'transfer', numbers: [elsewhere], numberIds: ['n1'] })))).toBe('NOT_FOUND');
    expect(codeOf(() => checkReorganization(plan({ numberIds: ['n1'] })))).toBe('VALIDATION_FAILED');
  });
});
