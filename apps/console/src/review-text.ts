import { formatNationalNumber } from '@app/domain/phone-number';
import { pendingOriginNarrowing } from '@app/domain/review-policy';
import { ApiError, errorText } from './api/errors';
import { fieldText } from './field-text';
import { DIRECTION_LABEL, formatDateTime, label } from './labels';
import type { ReviewStep } from './api/review-steps';
import type { BulkItemResult, FieldValue, ReviewChange, ReviewItem, ReviewKind } from './api/types';

/** The queue's words for its items, in Vietnamese; pure, so the unit tests read them. */
export const KIND_TITLE: Record<ReviewKind, string> = { organizations: 'Cơ quan', brandnames: 'Tên định danh', numbers: 'Số điện thoại' };

/** What an approval of each kind of queue item does, as its button, its badge and its result say it. */
export const CHANGE_TEXT: Record<ReviewChange, { approve: string; reject: string; approved: string; badge: string | null }> = {
  new: { approve: 'Duyệt', reject: 'Từ chối', approved: 'Đã phê duyệt', badge: null },
  revision: { approve: 'Duyệt thay đổi', reject: 'Từ chối thay đổi', approved: 'Đã phê duyệt thay đổi', badge: 'Sửa đổi' },
  reinstate: { approve: 'Phê duyệt khôi phục', reject: 'Từ chối khôi phục', approved: 'Đã phê duyệt khôi phục', badge: 'Khôi phục' },
};

/** The API path of an action on a queue item: the item itself, its revision, or its reinstatement request. */
export function actionPath(change: ReviewChange, action: 'approve' | 'reject'): ReviewStep {
  return change === 'new' ? action : `${change}/${action}`;
}

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

function valueText(field: string, value: FieldValue): string {
  if (value === null || value === '') return '(trống)';
  if (Array.isArray(value)) return field === 'allowedOrigins' ? originsText(value) : value.join(', ');
  if (field === 'direction') return label(DIRECTION_LABEL, String(value));
  if (field === 'validFrom' || field === 'validTo') return formatDateTime(String(value));
  return String(value);
}

/** A pending revision, one line per field: "Chiều gọi: Gọi đi → Chỉ nhận cuộc gọi". The brandname id is named by its label. */
export function changeLines(item: ReviewItem): string[] {
  return item.changes
    .filter((c) => c.field !== 'brandnameId')
    .map((c) => `${fieldText(c.field)}: ${valueText(c.field, c.before)} → ${valueText(c.field, c.after)}`);
}

/**
 * What a pending change of a number's allowed origins removes, in words: until a second person approves it,
 * calls from the removed carriers are answered without a name (not declined); after, they are declined. The
 * removed origins are the domain's own (`pendingOriginNarrowing`, what the registry publishes as narrowedOrigins).
 */
export function narrowingText(liveOrigins: string[] | undefined, changes: Record<string, unknown>): string | null {
  const live = liveOrigins ?? [];
  const kept = pendingOriginNarrowing(live, changes);
  if (!kept) return null;
  const from = live.length
    ? `các nhà mạng bị bớt (${live.filter((o) => !kept.includes(o)).join(', ')})`
    : `các nhà mạng trong nước khác ngoài ${kept.join(', ')}`;
  return `Thu hẹp nhà mạng: cuộc gọi qua ${from} hiển thị không có tên (không bị chặn) cho đến khi thay đổi này được duyệt; sau khi duyệt mới bị chặn.`;
}

/** A queue item's pending changes as {field: after}, for the domain's rules that read a revision's changes. */
export function proposedValues(item: ReviewItem): Record<string, unknown> {
  return Object.fromEntries(item.changes.map((c) => [c.field, c.after]));
}

/** One bulk result in Vietnamese. */
export function resultText(r: BulkItemResult, subject: string): string {
  if (r.ok) return `${CHANGE_TEXT[r.change ?? 'new'].approved}: ${subject}`;
  const err = new ApiError(200, r.error?.code ?? 'INTERNAL_ERROR', r.error?.message ?? '');
  return `Không phê duyệt được: ${subject}. ${errorText(err)}`;
}

export function bulkSummary(results: BulkItemResult[]): string {
  const ok = results.filter((r) => r.ok).length;
  const refused = results.length - ok;
  return refused ? `Đã phê duyệt ${ok} mục, ${refused} mục bị từ chối.` : `Đã phê duyệt ${ok} mục.`;
}
