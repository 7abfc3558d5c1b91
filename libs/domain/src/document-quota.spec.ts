import { isDomainError } from './errors';
import {
  assertStorageRoom,
  assertUploadRateAllows,
  assertWithinDocumentQuota,
  documentQuotaApplies,
  DocumentLimits,
  exceededDocumentQuota,
  uploadRetryAfterSeconds,
} from './document-quota';

const MB = 1024 * 1024;
const limits: DocumentLimits = {
  perApplicationCount: 3,
  perApplicationBytes: 10 * MB,
  perOrganizationBytes: 15 * MB,
  uploadsPerWindow: 2,
  windowSeconds: 3600,
};
const none = { applicationCount: 0, applicationBytes: 0, organizationBytes: 0 };

function thrown(fn: () => void) {
  try {
    fn();
  } catch (err) {
    if (isDomainError(err)) return err;
    throw err;
  }
  return null;
}

describe('document quotas', () => {
  it('lets an upload in up to each limit exactly, and names the first limit it would pass', () => {
    expect(exceededDocumentQuota(none, 10 * MB, limits)).toBeNull();
    expect(exceededDocumentQuota({ ...none, applicationCount: 2 }, 1, limits)).toBeNull();
    expect(exceededDocumentQuota({ ...none, applicationCount: 3 }, 1, limits)).toBe('documents_per_application');
    expect(exceededDocumentQuota({ applicationCount: 1, applicationBytes: 9 * MB, organizationBytes: 9 * MB }, MB + 1, limits)).toBe(
      'bytes_per_application',
    );
    expect(exceededDocumentQuota({ applicationCount: 0, applicationBytes: 0, organizationBytes: 14 * MB }, MB, limits)).toBeNull();
    expect(exceededDocumentQuota({ applicationCount: 0, applicationBytes: 0, organizationBytes: 14 * MB }, MB + 1, limits)).toBe(
      'bytes_per_organization',
    );
  });

  it('treats a limit of 0 as off', () => {
    const off = { ...limits, perApplicationCount: 0, perApplicationBytes: 0, perOrganizationBytes: 0 };
    expect(exceededDocumentQuota({ applicationCount: 1e6, applicationBytes: 1e12, organizationBytes: 1e12 }, 10 * MB, off)).toBeNull();
  });

  it('refuses with DOCUMENT_QUOTA_EXCEEDED and the rule', () => {
    const err = thrown(() => assertWithinDocumentQuota({ ...none, applicationCount: 3 }, 1, limits));
    expect(err).toMatchObject({ code: 'DOCUMENT_QUOTA_EXCEEDED', details: { rule: 'documents_per_application' } });
    expect(err!.message).toContain('3 documents per application');
    expect(thrown(() => assertWithinDocumentQuota(none, 1, limits))).toBeNull();
  });

  it('holds applicants to the quotas, not regulators', () => {
    expect(documentQuotaApplies('agency_admin')).toBe(true);
    expect(documentQuotaApplies('regulator')).toBe(false);
  });
});

describe('upload rate per account', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);

  it('allows uploads below the limit in the window', () => {
    expect(uploadRetryAfterSeconds({ count: 0, oldestAt: null, now }, limits)).toBe(0);
    expect(uploadRetryAfterSeconds({ count: 1, oldestAt: ago(10), now }, limits)).toBe(0);
  });

  it('at the limit, waits until the oldest upload leaves the window', () => {
    expect(uploadRetryAfterSeconds({ count: 2, oldestAt: ago(600), now }, limits)).toBe(3000);
    // Never 0 while refused (a Retry-After of 0 would invite a tight loop).
    expect(uploadRetryAfterSeconds({ count: 2, oldestAt: ago(3599.9), now }, limits)).toBe(1);
    const err = thrown(() => assertUploadRateAllows({ count: 2, oldestAt: ago(600), now }, limits));
    expect(err).toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 3000 } });
  });

  it('is off at 0', () => {
    expect(uploadRetryAfterSeconds({ count: 99, oldestAt: ago(1), now }, { ...limits, uploadsPerWindow: 0 })).toBe(0);
  });
});

describe('room on the embedded database disk', () => {
  it('keeps the reserve free after twice the upload (table and write-ahead log)', () => {
    expect(thrown(() => assertStorageRoom(100 * MB, 10 * MB, 80 * MB))).toBeNull();
    expect(thrown(() => assertStorageRoom(100 * MB, 10 * MB + 1, 80 * MB))).toMatchObject({ code: 'INSUFFICIENT_STORAGE' });
  });
});
