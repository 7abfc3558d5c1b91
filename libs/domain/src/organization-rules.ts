import { normalizeDisplayName } from './display-name-policy';
import { DomainError } from './errors';
import { FINAL_STATUSES, ReviewStatus } from './lifecycle';

const LEGAL_NAME_LIMITS = { minLength: 2, maxLength: 64 };

/** A merged, rejected or revoked organization takes no new sub-organizations. */
export function assertParentOpen(parent: { code: string; status: ReviewStatus }): void {
  if (FINAL_STATUSES.includes(parent.status)) {
    throw new DomainError('INVALID_TRANSITION', `Organization ${parent.code} is ${parent.status}; it cannot take sub-organizations`);
  }
}

/** An organization's legal name: NFC, 2-64 characters, the display-name rules (no control, bidi or zero-width). */
export function normalizeLegalName(name: string): string {
  try {
    return normalizeDisplayName(name, LEGAL_NAME_LIMITS);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError('VALIDATION_FAILED', err.message.replace(/^displayName/, 'name'));
    throw err;
  }
}

/** A final organization registers nothing more: no brandname, no number. */
export function assertOrganizationOpen(org: { code: string; status: ReviewStatus }, what: 'brandnames' | 'numbers'): void {
  if (FINAL_STATUSES.includes(org.status)) {
    throw new DomainError('INVALID_TRANSITION', `Organization ${org.code} is ${org.status}; it cannot register ${what}`);
  }
}

/** A number registers under a brandname of its own organization that still holds its label. */
export function assertBrandnameUsable(
  b: { organizationId: string; status: ReviewStatus; label: string } | null,
  organizationId: string,
): asserts b is { organizationId: string; status: ReviewStatus; label: string } {
  if (!b || b.organizationId !== organizationId) throw new DomainError('NOT_FOUND', 'No such brandname in this organization');
  if (FINAL_STATUSES.includes(b.status)) throw new DomainError('INVALID_TRANSITION', `Brandname "${b.label}" is ${b.status}`);
}
