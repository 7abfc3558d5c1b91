import { formatNationalNumber } from '../../../libs/domain/src/phone-number';
import { ApiError, errorText } from './api';
import { fieldText } from './field-text';
import { DIRECTION_LABEL, formatDateTime, label } from './labels';
import type { BulkItemResult, ReviewItem, ReviewKind } from './types';

/** The queue's words for its items, in Vietnamese; pure, so the unit tests read them. */
export const KIND_TITLE: Record<ReviewKind, string> = { organizations: 'Cơ quan', brandnames: 'Tên định danh', numbers: 'Số điện thoại' };

export const FOUR_EYES_REASON = 'Cần một cán bộ duyệt khác: bạn đã gửi hoặc sửa mục này, hoặc đã tạo tài khoản của người gửi.';

/** What an item is, as the buttons and the results name it ("Số 024 3943 7142"). */
export function subjectOf(item: ReviewItem): string {
  if (item.kind === 'numbers') return `Số ${item.nationalNumber ?? formatNationalNumber(item.number ?? '')}`;
  if (item.kind === 'brandnames') return `Tên định danh ${item.label} / ${item.displayName}`;
  return `Cơ quan ${item.organization.name}`;
}

export function directionText(direction: string | undefined): string {
  if (direction === 'inbound_only') return `${DIRECTION_LABEL.inbound_only}: không bao giờ hiển thị tên khi số này gọi đi`;
  return label(DIRECTION_LABEL, direction);
}

export function originsText(origins: string[] | undefined): string {
  return origins && origins.length ? origins.join(', ') : 'Mọi nhà mạng trong nước';
}

export function validityText(from: string | null | undefined, to: string | null | undefined): string {
  if (!from && !to) return 'Không giới hạn';
  return `${from ? `từ ${formatDateTime(from)}` : ''}${from && to ? ' ' : ''}${to ? `đến ${formatDateTime(to)}` : ''}`;
}

function valueText(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(trống)';
  if (field === 'direction') return label(DIRECTION_LABEL, String(value));
  if (field === 'allowedOrigins') return originsText(value as string[]);
  if (field === 'validFrom' || field === 'validTo') return formatDateTime(String(value));
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** A pending revision, one line per field: "Chiều gọi: Gọi đi → Chỉ nhận cuộc gọi". The brandname id is named by its label. */
export function changeLines(item: ReviewItem): string[] {
  return item.changes
    .filter((c) => c.field !== 'brandnameId')
    .map((c) => `${fieldText(c.field)}: ${valueText(c.field, c.before)} → ${valueText(c.field, c.after)}`);
}

/** One bulk result in Vietnamese. */
export function resultText(r: BulkItemResult, subject: string): string {
  if (r.ok) return `Đã phê duyệt: ${subject}`;
  const err = new ApiError(200, r.error?.code ?? 'INTERNAL_ERROR', r.error?.message ?? '');
  return `Không phê duyệt được: ${subject}. ${errorText(err)}`;
}

export function bulkSummary(results: BulkItemResult[]): string {
  const ok = results.filter((r) => r.ok).length;
  const refused = results.length - ok;
  return refused ? `Đã phê duyệt ${ok} mục, ${refused} mục bị từ chối.` : `Đã phê duyệt ${ok} mục.`;
}
