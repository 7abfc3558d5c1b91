import { DIRECTION_LABEL, formatDateTime } from '../../../labels';
import { originsText } from '../../../review-text';

/** A number's reviewed fields, as its forms and revisions name them. */
export const NUMBER_FIELD_NAMES: Record<string, string> = {
  direction: 'Chiều gọi',
  allowedOrigins: 'Nhà mạng được phép',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  evidence: 'Căn cứ',
  brandnameId: 'Tên định danh',
};

/** A number's field value in words. */
export function numberValueText(field: string, v: unknown): string {
  if (field === 'allowedOrigins') return originsText(v as string[] | undefined);
  if (field === 'direction') return DIRECTION_LABEL[String(v)] ?? String(v);
  if (field === 'validFrom' || field === 'validTo') return v ? formatDateTime(String(v)) : '(không giới hạn)';
  return v === null || v === undefined || v === '' ? '(trống)' : String(v);
}

/** A number's terms in one line: origins, validity window, evidence, and whether a revision waits. */
export function termsText(n: {
  allowedOrigins: string[];
  validFrom: string | null;
  validTo: string | null;
  evidence: string | null;
  pendingRevision: unknown;
}): string {
  const validity =
    n.validFrom || n.validTo
      ? ` · Hiệu lực: ${n.validFrom ? formatDateTime(n.validFrom) : '…'} – ${n.validTo ? formatDateTime(n.validTo) : '…'}`
      : '';
  return `Nhà mạng: ${originsText(n.allowedOrigins)}${validity}${n.evidence ? ` · Căn cứ: ${n.evidence}` : ''}${n.pendingRevision ? ' · Có bản sửa chờ duyệt' : ''}`;
}
