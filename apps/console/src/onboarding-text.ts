import { normalizeDisplayName, normalizeLabel } from '@app/domain/display-name-policy';
import { isDomainError } from '@app/domain/errors';
import { ERROR_TEXT } from '@app/domain/error-text';
import { INVITATION_MAX_REFUSED_SUBMISSIONS } from '@app/domain/onboarding';
import { CHECKLIST_LABEL, fieldText } from './field-text';

// Vietnamese for the onboarding screens: what each code means and what to do about it.

export const INVITATION_STATUS_LABEL: Record<string, string> = {
  open: 'Còn hiệu lực',
  used: 'Đã dùng',
  expired: 'Hết hạn',
  revoked: 'Đã thu hồi',
  exhausted: 'Hết lượt nộp',
};

/** Beside the application form's button: refused submissions are counted, and bounded. */
export const APPLY_LIMIT_TEXT = `Mỗi lời mời chỉ nhận tối đa ${INVITATION_MAX_REFUSED_SUBMISSIONS} lần nộp bị từ chối; sau đó cần xin Bộ một lời mời mới. Hãy kiểm tra kỹ trước khi nộp.`;

/** An invitation's state for the regulator, with its refused submissions while it is still open. */
export function invitationStatusText(i: { status: string; refusedSubmissions: number }): string {
  const label = INVITATION_STATUS_LABEL[i.status] ?? i.status;
  return i.status === 'open' && i.refusedSubmissions > 0
    ? `${label} (${i.refusedSubmissions}/${INVITATION_MAX_REFUSED_SUBMISSIONS} lần nộp bị từ chối)`
    : label;
}

export const APPLICATION_STATUS_LABEL: Record<string, string> = {
  submitted: 'Đã nộp, chờ thẩm định',
  changes_requested: 'Cần bổ sung',
  approved: 'Đã phê duyệt',
  rejected: 'Bị từ chối',
};

export const HOLDING_STATUS_LABEL: Record<string, string> = {
  pending: 'Chờ nhà mạng xác nhận',
  confirmed: 'Nhà mạng đã xác nhận',
  denied: 'Nhà mạng từ chối',
  released: 'Nhà mạng đã thu hồi số',
};

export const HOLDING_SOURCE_LABEL: Record<string, string> = {
  carrier: 'do nhà mạng xác nhận',
  regulator_on_behalf: 'cán bộ xác nhận thay nhà mạng (có công văn)',
  regulator_approval: 'cán bộ thứ hai phê duyệt thay xác nhận',
  legacy: 'đã duyệt trước khi có bước xác nhận',
};

export const DOCUMENT_KIND_LABEL: Record<string, string> = {
  decision: 'Quyết định',
  carrier_contract: 'Hợp đồng với nhà mạng',
  other: 'Tài liệu khác',
  carrier_letter: 'Công văn của nhà mạng',
};

/** The one table of error sentences (libs/domain), under the name the onboarding pages use. */
export const PROBLEM_TEXT: Readonly<Record<string, string>> = ERROR_TEXT;
export { CHECKLIST_LABEL, fieldText };

/** The label and display name rules applied as the user types (the registry's own rule module). */
export function liveNameProblems(label: string, displayName: string): { label: string | null; displayName: string | null } {
  const check = (run: () => unknown, fallback: string) => {
    try {
      run();
      return null;
    } catch (err) {
      return isDomainError(err) ? (ERROR_TEXT[err.code] ?? fallback) : fallback;
    }
  };
  return {
    label: label.trim() === '' ? null : check(() => normalizeLabel(label), PROBLEM_TEXT.INVALID_LABEL),
    displayName: displayName.trim() === '' ? null : check(() => normalizeDisplayName(displayName), PROBLEM_TEXT.INVALID_DISPLAY_NAME),
  };
}

/** Lines of "số, mã nhà mạng" into the application's numbers. */
export function parseNumberLines(text: string): Array<{ number: string; holdingCarrier: string }> {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [number, carrier = ''] = line.split(/[,;\t]/).map((s) => s.trim());
      return { number, holdingCarrier: carrier.toUpperCase() };
    });
}
