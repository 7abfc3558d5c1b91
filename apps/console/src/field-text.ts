/** The regulator's checklist items for an application. */
export const CHECKLIST_LABEL: Record<string, string> = {
  documents_present: 'Đủ hồ sơ (có quyết định thành lập/giao nhiệm vụ)',
  legal_name_matches_decision: 'Tên pháp lý khớp với quyết định',
  numbers_confirmed_by_carriers: 'Đã kiểm tra xác nhận của nhà mạng cho từng số',
};

// The name of each request field an error can point at, in the words of the form it came from.
const FIELD_NAMES: Record<string, string> = {
  documents: 'Tài liệu',
  'brandname.label': 'Nhãn',
  'brandname.displayName': 'Tên hiển thị',
  'brandname.callReason': 'Lý do cuộc gọi',
  'applicant.username': 'Tên đăng nhập',
  'applicant.password': 'Mật khẩu',
  'applicant.email': 'Thư điện tử',
  organizationCode: 'Mã cơ quan',
  numbers: 'Danh sách số',
  number: 'Số điện thoại',
  label: 'Nhãn',
  displayName: 'Tên hiển thị',
  displayNameAscii: 'Tên không dấu',
  callReason: 'Lý do cuộc gọi',
  code: 'Mã',
  name: 'Tên',
  kind: 'Loại',
  direction: 'Chiều gọi',
  allowedOrigins: 'Nhà mạng được phép',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  evidence: 'Căn cứ',
  holdingCarrier: 'Nhà mạng giữ số',
  reason: 'Lý do',
  version: 'Phiên bản',
  username: 'Tên đăng nhập',
  password: 'Mật khẩu',
  currentPassword: 'Mật khẩu hiện tại',
  newPassword: 'Mật khẩu mới',
  role: 'Vai trò',
  status: 'Trạng thái',
  organizationId: 'Cơ quan',
  file: 'Tệp',
  q: 'Từ khóa tìm kiếm',
};

/** Where in a form a field path points, in Vietnamese ("numbers[3].number" → "Số thứ 4"). */
export function fieldText(field: string): string {
  const item = /^(numbers|items)\[(\d+)\]\.?(\w*)/.exec(field);
  if (item) {
    const what = item[3] && item[3] !== 'number' ? ` (${(FIELD_NAMES[item[3]] ?? item[3]).toLowerCase()})` : '';
    return `${item[1] === 'numbers' ? 'Số' : 'Mục'} thứ ${Number(item[2]) + 1}${what}`;
  }
  if (field.startsWith('checklist.')) return CHECKLIST_LABEL[field.slice('checklist.'.length)] ?? field;
  return FIELD_NAMES[field] ?? field;
}
