import { describe, expect, it } from 'vitest';
import {
  actionPath,
  bulkSummary,
  changeLines,
  directionText,
  narrowingText,
  originsText,
  proposedValues,
  resultText,
  subjectOf,
  validityText,
} from './review-text';
import type { BulkItemResult, ReviewItem } from './api/types';

const number: ReviewItem = {
  kind: 'numbers',
  id: 'n1',
  change: 'revision',
  status: 'active',
  version: 3,
  organization: { id: 'o1', code: 'MIC', name: 'Bộ Thông tin và Truyền thông' },
  submittedBy: { id: 'u1', username: 'reg2' },
  submittedAt: '2026-12-01T03:00:00.000Z',
  changes: [{ field: 'direction', before: 'outbound', after: 'inbound_only' }],
  reason: null,
  fourEyes: { allowed: true },
  number: '+842439437142',
  nationalNumber: '024 3943 7142',
  direction: 'outbound',
  allowedOrigins: [],
};

describe('the review queue in Vietnamese', () => {
  it('names a number in national format', () => {
    expect(subjectOf(number)).toBe('Số 024 3943 7142');
  });
  it('makes an inbound-only number unmistakable', () => {
    expect(directionText('inbound_only')).toMatch(/^Chỉ nhận cuộc gọi: không bao giờ hiển thị tên/);
    expect(directionText('outbound')).toBe('Gọi đi');
  });
  it('says what an empty origin list and an open window mean', () => {
    expect(originsText([])).toBe('Mọi nhà mạng trong nước');
    expect(validityText(null, null)).toBe('Không giới hạn');
  });
  it('shows a revision as before → after per field', () => {
    expect(changeLines(number)).toEqual(['Chiều gọi: Gọi đi → Chỉ nhận cuộc gọi']);
  });
  it('reports bulk results item by item', () => {
    const results: BulkItemResult[] = [
      { kind: 'numbers', id: 'a', ok: true, status: 'active' },
      { kind: 'numbers', id: 'b', ok: false, error: { code: 'FOUR_EYES_REQUIRED', message: 'x' } },
    ];
    expect(resultText(results[0], 'Số 024 3943 7142')).toBe('Đã phê duyệt: Số 024 3943 7142');
    expect(resultText(results[1], 'Số 024 3943 7143')).toMatch(/^Không phê duyệt được: Số 024 3943 7143\. Bạn đã tham gia/);
    expect(bulkSummary(results)).toBe('Đã phê duyệt 1 mục, 1 mục bị từ chối.');
  });
  it('names what an approval approved: the item, its change or its reinstatement', () => {
    expect(resultText({ kind: 'numbers', id: 'a', ok: true, change: 'revision' }, 'Số 024 3943 7142')).toBe(
      'Đã phê duyệt thay đổi: Số 024 3943 7142',
    );
    expect(resultText({ kind: 'numbers', id: 'a', ok: true, change: 'reinstate' }, 'Số 024 3943 7142')).toBe(
      'Đã phê duyệt khôi phục: Số 024 3943 7142',
    );
    expect(actionPath('new', 'approve')).toBe('approve');
    expect(actionPath('revision', 'reject')).toBe('revision/reject');
    expect(actionPath('reinstate', 'approve')).toBe('reinstate/approve');
  });
  it('says that a narrowing of origins leaves the removed carriers unbranded, not declined, until approved', () => {
    expect(narrowingText(['MOBIFONE', 'VIETTEL'], { allowedOrigins: ['VIETTEL'] })).toBe(
      'Thu hẹp nhà mạng: cuộc gọi qua các nhà mạng bị bớt (MOBIFONE) hiển thị không có tên (không bị chặn) cho đến khi thay đổi này được duyệt; sau khi duyệt mới bị chặn.',
    );
    expect(narrowingText([], { allowedOrigins: ['VIETTEL'] })).toMatch(
      /^Thu hẹp nhà mạng: cuộc gọi qua các nhà mạng trong nước khác ngoài VIETTEL/,
    );
    // A widening, no change of origins, or the list cleared (every domestic carrier): nothing is narrowed.
    expect(narrowingText(['VIETTEL'], { allowedOrigins: ['MOBIFONE', 'VIETTEL'] })).toBeNull();
    expect(narrowingText(['VIETTEL'], { direction: 'inbound_only' })).toBeNull();
    expect(narrowingText(['VIETTEL'], { allowedOrigins: [] })).toBeNull();
    expect(narrowingText(undefined, { allowedOrigins: ['VIETTEL'] })).not.toBeNull();
  });
  it('reads a queue revision as its proposed values', () => {
    expect(proposedValues(number)).toEqual({ direction: 'inbound_only' });
  });
});
