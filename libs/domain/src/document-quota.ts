import { DomainError } from './errors';
import type { UserRole } from './lifecycle';

/**
 * How much an applicant may store, so that no one can fill the registry's disk (issue 30: 66 uploads of 10 MB to
 * one application were all accepted). Per application a count and a total size, per organization a total size,
 * and per account a number of uploads in a sliding window. A limit of 0 turns that limit off.
 */
export interface DocumentLimits {
  perApplicationCount: number;
  perApplicationBytes: number;
  perOrganizationBytes: number;
  uploadsPerWindow: number;
  windowSeconds: number;
}

/** Which limit refused an upload: the error's `rule`, said in Vietnamese by DOCUMENT_QUOTA_TEXT. */
export const DOCUMENT_QUOTA_RULES = ['documents_per_application', 'bytes_per_application', 'bytes_per_organization'] as const;
export type DocumentQuotaRule = (typeof DOCUMENT_QUOTA_RULES)[number];

/** What is stored already: the application's documents and all of its organization's. */
export interface DocumentUsage {
  applicationCount: number;
  applicationBytes: number;
  organizationBytes: number;
}

/**
 * Regulators are not held to an application's quota: a decision letter they must add is never refused because the
 * applicant used the room up (they are staff, and their uploads are rate-limited like everyone's).
 */
export function documentQuotaApplies(role: UserRole): boolean {
  return role !== 'regulator';
}

/** The first limit an upload of `sizeBytes` would pass, or null when it fits. */
export function exceededDocumentQuota(usage: DocumentUsage, sizeBytes: number, limits: DocumentLimits): DocumentQuotaRule | null {
  const over = (limit: number, after: number) => limit > 0 && after > limit;
  if (over(limits.perApplicationCount, usage.applicationCount + 1)) return 'documents_per_application';
  if (over(limits.perApplicationBytes, usage.applicationBytes + sizeBytes)) return 'bytes_per_application';
  if (over(limits.perOrganizationBytes, usage.organizationBytes + sizeBytes)) return 'bytes_per_organization';
  return null;
}

export function assertWithinDocumentQuota(usage: DocumentUsage, sizeBytes: number, limits: DocumentLimits): void {
  const rule = exceededDocumentQuota(usage, sizeBytes, limits);
  if (!rule) return;
  const limit = {
    documents_per_application: `${limits.perApplicationCount} documents per application`,
    bytes_per_application: `${mb(limits.perApplicationBytes)} MB per application`,
    bytes_per_organization: `${mb(limits.perOrganizationBytes)} MB per organization`,
  }[rule];
  throw new DomainError('DOCUMENT_QUOTA_EXCEEDED', `Document quota exceeded: at most ${limit}`, { rule });
}

/** An account's uploads stored in the window that ends now (the database's clock). */
export interface RecentUploads {
  count: number;
  oldestAt: Date | null;
  now: Date;
}

/** Seconds until the account may upload again (0: now): a slot frees when the oldest upload leaves the window. */
export function uploadRetryAfterSeconds(recent: RecentUploads, limits: DocumentLimits): number {
  if (limits.uploadsPerWindow <= 0 || recent.count < limits.uploadsPerWindow || !recent.oldestAt) return 0;
  const freesAt = recent.oldestAt.getTime() + limits.windowSeconds * 1000;
  return Math.max(1, Math.ceil((freesAt - recent.now.getTime()) / 1000));
}

export function assertUploadRateAllows(recent: RecentUploads, limits: DocumentLimits): void {
  const wait = uploadRetryAfterSeconds(recent, limits);
  if (wait > 0) {
    throw new DomainError(
      'RATE_LIMITED',
      `At most ${limits.uploadsPerWindow} uploads per account in ${limits.windowSeconds / 60} minutes`,
      {
        retryAfterSeconds: wait,
      },
    );
  }
}

/**
 * What an upload costs the embedded database's disk: its bytes in the table and again in the write-ahead log
 * (measured: a 10 MB upload took about 21 MB).
 */
export const UPLOAD_DISK_COST_FACTOR = 2;

/**
 * The embedded database must never meet a full disk: PGlite survives a full table file (SQLSTATE 53100) but not a
 * write-ahead log it cannot write (it panics and hangs). So an upload is refused while it would leave less than
 * `reserveBytes` free on the database's file system.
 */
export function assertStorageRoom(freeBytes: number, sizeBytes: number, reserveBytes: number): void {
  if (freeBytes - sizeBytes * UPLOAD_DISK_COST_FACTOR >= reserveBytes) return;
  throw insufficientStorage();
}

/** The one answer to a write the disk cannot hold (the reserve above, or the database's own disk_full). */
export function insufficientStorage(): DomainError {
  return new DomainError('INSUFFICIENT_STORAGE', 'The server is short of storage; nothing was stored');
}

function mb(bytes: number): string {
  return String(Math.round((bytes / 1024 / 1024) * 10) / 10);
}

/** Each quota rule in the console's words (the error's `rule`), in place of the code's general sentence. */
export const DOCUMENT_QUOTA_TEXT: Record<DocumentQuotaRule, string> = {
  documents_per_application: 'Hồ sơ đã có đủ số tài liệu tối đa: tệp chưa được lưu; liên hệ Bộ nếu cần gửi thêm.',
  bytes_per_application: 'Tổng dung lượng tài liệu của hồ sơ đã đạt mức tối đa: tệp chưa được lưu; hãy gửi tệp nhỏ hơn hoặc liên hệ Bộ.',
  bytes_per_organization: 'Tổng dung lượng tài liệu của cơ quan đã đạt mức tối đa: tệp chưa được lưu; liên hệ Bộ nếu cần gửi thêm.',
};
