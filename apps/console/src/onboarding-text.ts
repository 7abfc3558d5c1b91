import { normalizeDisplayName, normalizeLabel } from '../../../libs/domain/src/display-name-policy';
import { isDomainError } from '../../../libs/domain/src/errors';

// Vietnamese for the onboarding screens: what each code means and what to do about it.

export const INVITATION_STATUS_LABEL: Record<string, string> = {
  open: 'Còn hiệu lực',
  used: 'Đã dùng',
  expired: 'Hết hạn',
  revoked: 'Đã thu hồi',
};

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

export const CHECKLIST_LABEL: Record<string, string> = {
  documents_present: 'Đủ hồ sơ (có quyết định thành lập/giao nhiệm vụ)',
  legal_name_matches_decision: 'Tên pháp lý khớp với quyết định',
  numbers_confirmed_by_carriers: 'Đã kiểm tra xác nhận của nhà mạng cho từng số',
};

export const DOCUMENT_KIND_LABEL: Record<string, string> = {
  decision: 'Quyết định',
  carrier_contract: 'Hợp đồng với nhà mạng',
  other: 'Tài liệu khác',
  carrier_letter: 'Công văn của nhà mạng',
};

/** What a refused application part means, per code, in words an agency admin can act on. */
export const PROBLEM_TEXT: Record<string, string> = {
  INVALID_NUMBER: 'Số điện thoại không hợp lệ: kiểm tra lại các chữ số.',
  DUPLICATE_NUMBER: 'Số này đã được đăng ký hoặc bị nhập hai lần.',
  INVALID_ORIGIN: 'Mã nhà mạng không đúng (ví dụ VIETTEL, VINAPHONE, MOBIFONE).',
  INVALID_LABEL: 'Nhãn chỉ gồm 1–11 chữ cái không dấu, chữ số, dấu - _ . và khoảng trắng, không toàn chữ số.',
  INVALID_DISPLAY_NAME: 'Tên hiển thị dài 2–32 ký tự, chỉ chữ tiếng Việt, chữ số và ít dấu câu.',
  INVALID_CALL_REASON: 'Lý do cuộc gọi dài tối đa 64 ký tự, chỉ chữ tiếng Việt, chữ số và ít dấu câu.',
  RESERVED_NAME: 'Tên có từ dành riêng cho cơ quan nhà nước (Bộ, Công an, Tòa án, ...), loại cơ quan này không được dùng.',
  CONFUSABLE_NAME: 'Tên quá giống tên định danh của một cơ quan khác: hãy chọn tên khác hẳn.',
  DUPLICATE_LABEL: 'Nhãn này đã có cơ quan khác dùng.',
  DUPLICATE_CODE: 'Mã cơ quan đã được dùng.',
  DUPLICATE_USERNAME: 'Tên đăng nhập đã có người dùng: chọn tên khác.',
  INVITATION_INVALID: 'Lời mời không hợp lệ, đã dùng, đã hết hạn hoặc đã bị thu hồi: liên hệ Bộ để được mời lại.',
  VALIDATION_FAILED: 'Thông tin chưa đúng yêu cầu.',
  UNSUPPORTED_MEDIA_TYPE: 'Tệp phải là PDF, PNG hoặc JPEG (và đúng loại như tên tệp).',
  PAYLOAD_TOO_LARGE: 'Tệp quá lớn: tối đa 10 MB.',
  FOUR_EYES_REQUIRED: 'Bạn đã tham gia hồ sơ này (mời hoặc đánh dấu danh mục); cần một cán bộ khác phê duyệt.',
  CARRIER_CONFIRMATION_REQUIRED: 'Số chưa được nhà mạng xác nhận.',
  VERSION_CONFLICT: 'Hồ sơ vừa được người khác thay đổi: tải lại trang rồi làm lại.',
  INVALID_TRANSITION: 'Hồ sơ đang ở trạng thái không cho phép thao tác này.',
};

/** Where in the form a field path points, in Vietnamese. */
export function fieldText(field: string): string {
  const number = /^numbers\[(\d+)\]\.?(\w*)/.exec(field);
  if (number) return `Số thứ ${Number(number[1]) + 1}${number[2] === 'holdingCarrier' ? ' (nhà mạng)' : ''}`;
  if (field.startsWith('checklist.')) return CHECKLIST_LABEL[field.slice('checklist.'.length)] ?? field;
  const names: Record<string, string> = {
    documents: 'Tài liệu',
    'brandname.label': 'Nhãn',
    'brandname.displayName': 'Tên hiển thị',
    'brandname.callReason': 'Lý do cuộc gọi',
    'applicant.username': 'Tên đăng nhập',
    'applicant.password': 'Mật khẩu',
    'applicant.email': 'Thư điện tử',
    organizationCode: 'Mã cơ quan',
    numbers: 'Danh sách số',
  };
  return names[field] ?? field;
}

/** The label and display name rules applied as the user types (the registry's own rule module). */
export function liveNameProblems(label: string, displayName: string): { label: string | null; displayName: string | null } {
  const check = (run: () => unknown, fallback: string) => {
    try {
      run();
      return null;
    } catch (err) {
      return isDomainError(err) ? (PROBLEM_TEXT[err.code] ?? fallback) : fallback;
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
