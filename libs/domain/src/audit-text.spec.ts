import { auditChangeText } from './audit-text';
import { formatVietnamTime } from './vietnamese-labels';

describe('audit changes in words', () => {
  it('says what changed, with Vietnamese values, and nothing about bookkeeping fields', () => {
    expect(
      auditChangeText(
        { status: 'pending', allowedOrigins: [], version: 1, updatedAt: 'a' },
        { status: 'active', allowedOrigins: ['VIETTEL'], version: 2, updatedAt: 'b' },
      ),
    ).toBe('Trạng thái: Chờ duyệt → Hoạt động; Nhà mạng được phép: mọi nhà mạng trong nước → VIETTEL');
  });

  it('lists what a creation set, and times in Vietnam time', () => {
    expect(auditChangeText(null, { e164: '+842439437142', direction: 'inbound_only', validFrom: '2026-12-01T11:51:00Z' })).toBe(
      'Số: +842439437142; Chiều gọi: Chỉ nhận cuộc gọi; Hiệu lực từ: 01/12/2026 18:51',
    );
  });

  it('is empty when nothing a reader cares about changed', () => {
    expect(auditChangeText({ version: 1 }, { version: 2 })).toBe('');
  });

  it('formats times as dd/mm/yyyy hh:mm in Asia/Ho_Chi_Minh', () => {
    expect(formatVietnamTime('2026-12-31T17:30:00Z')).toBe('01/01/2027 00:30');
    expect(formatVietnamTime(null)).toBe('');
  });
});
