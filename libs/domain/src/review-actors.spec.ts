import { DomainError } from './errors';
import { REVIEW_ACTIONS } from './lifecycle';
import { assertMayReview, assertRoleMayReview, mayReview, ReviewItemKind, ReviewStep } from './review-actors';

const regulator = { role: 'regulator' as const, organizationId: null };
const admin = { role: 'agency_admin' as const, organizationId: 'org-a' };
const auditor = { role: 'auditor' as const, organizationId: null };
const STEPS: ReviewStep[] = [...REVIEW_ACTIONS, 'revision_approve', 'revision_reject', 'reinstate_approve', 'reinstate_reject'];
const KINDS: ReviewItemKind[] = ['organization', 'brandname', 'number'];

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof DomainError ? err.code : 'not a domain error';
  }
}

describe('who may take which review action', () => {
  it('a regulator may take every step on every kind of any organization', () => {
    for (const step of STEPS) for (const kind of KINDS) expect(mayReview(regulator, step, kind, 'org-b')).toBe(true);
  });

  it("an agency admin may only suspend its own organization's brandnames and numbers (the emergency stop)", () => {
    const allowed = STEPS.flatMap((step) => KINDS.filter((kind) => mayReview(admin, step, kind, 'org-a')).map((k) => `${step} ${k}`));
    expect(allowed).toEqual(['suspend brandname', 'suspend number']);
  });

  it("never another organization's items, and never reinstate, revoke or approve", () => {
    expect(codeOf(() => assertMayReview(admin, 'suspend', 'number', 'org-b'))).toBe('FORBIDDEN');
    for (const step of ['reinstate', 'revoke', 'approve', 'reject', 'revision_approve'] as const) {
      expect(codeOf(() => assertMayReview(admin, step, 'number', 'org-a'))).toBe('FORBIDDEN');
    }
    expect(codeOf(() => assertMayReview(admin, 'suspend', 'organization', 'org-a'))).toBe('FORBIDDEN');
  });

  it('the role check alone needs no item (asked before locks)', () => {
    expect(codeOf(() => assertRoleMayReview(admin, 'suspend', 'number'))).toBeNull();
    expect(codeOf(() => assertRoleMayReview(admin, 'revision_approve', 'organization'))).toBe('FORBIDDEN');
  });

  it('an auditor takes no step', () => {
    for (const step of STEPS) for (const kind of KINDS) expect(mayReview(auditor, step, kind, 'org-a')).toBe(false);
  });
});
