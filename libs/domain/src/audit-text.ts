import { DIRECTION_LABEL, ENTITY_LABEL, KIND_LABEL, ROLE_LABEL, STATUS_LABEL, formatVietnamTime } from './vietnamese-labels';

// Audit actions are `<entity>.<verb>`: a few whole actions have their own words, the rest are composed.
const PROPOSAL_ACTION_LABEL: Record<string, string> = { add: 'Thêm', change: 'Sửa', remove: 'Bỏ' };

const ACTION_TEXT: Record<string, string> = {
  'auth.login': 'Đăng nhập',
  'auth.login_failed': 'Đăng nhập không thành công',
  'auth.change_password': 'Đổi mật khẩu',
  'auth.change_password_failed': 'Đổi mật khẩu không thành công',
  'auth.enroll': 'Tự đặt mật khẩu bằng mã kích hoạt hai phần',
  'auth.sign_in_delayed': 'Tạm hoãn đăng nhập sau nhiều lần nhập sai',
  'auth.second_factor_enroll': 'Bắt đầu thiết lập xác thực hai bước',
  'auth.second_factor_confirm': 'Hoàn tất thiết lập xác thực hai bước',
  'auth.second_factor_confirm_failed': 'Nhập sai mã khi thiết lập xác thực hai bước',
  'user.second_factor_reset_request': 'Yêu cầu đặt lại xác thực hai bước',
  'user.second_factor_reset_approve': 'Phê duyệt đặt lại xác thực hai bước',
  'user.second_factor_reset_reject': 'Từ chối đặt lại xác thực hai bước',
  'application.create_failed': 'Nộp hồ sơ đăng ký bằng lời mời không thành công',
  'user.create_installation': 'Tạo cán bộ quản lý đầu tiên khi cài đặt',
  'user.create_bootstrap_pair': 'Tạo cặp cán bộ quản lý đầu tiên',
  'user.create_out_of_band': 'Tạo người dùng từ dòng lệnh trên máy chủ',
  'user.reset_password': 'Đặt lại mật khẩu',
  'user.reset_password_out_of_band': 'Đặt lại mật khẩu từ dòng lệnh trên máy chủ',
  'number.holding_confirm': 'Nhà mạng xác nhận đang giữ số',
  'number.holding_deny': 'Nhà mạng từ chối xác nhận giữ số',
  'number.holding_confirm_on_behalf': 'Cán bộ xác nhận giữ số thay nhà mạng (có công văn)',
  'number.holding_release': 'Nhà mạng thu hồi số',
  'number.activate': 'Kích hoạt số khi nhà mạng xác nhận (hồ sơ đã được phê duyệt)',
  'signing_key.rotate': 'Thay khóa ký',
  'protected_name.propose': 'Đề xuất thay đổi danh sách tên được bảo vệ',
  'protected_name.approve': 'Phê duyệt đề xuất về tên được bảo vệ',
  'protected_name.reject': 'Từ chối đề xuất về tên được bảo vệ',
  'protected_name.withdraw': 'Rút đề xuất về tên được bảo vệ',
  'protected_name.add': 'Thêm tên được bảo vệ',
  'protected_name.change': 'Sửa tên được bảo vệ',
  'protected_name.remove': 'Bỏ tên khỏi danh sách được bảo vệ',
};

const VERB_TEXT: Record<string, string> = {
  create: 'Tạo',
  update: 'Sửa',
  approve: 'Phê duyệt',
  reject: 'Từ chối',
  suspend: 'Tạm ngưng',
  reinstate: 'Khôi phục',
  revoke: 'Thu hồi',
  withdraw: 'Rút',
  import: 'Nhập từ tệp CSV',
  merge: 'Hợp nhất',
  reparent: 'Đổi cơ quan cấp trên',
  reorganize: 'Chuyển theo sắp xếp lại',
  cancel: 'Hủy',
  complete: 'Hoàn tất',
  fail: 'Ghi nhận thất bại',
  disable: 'Vô hiệu hóa',
  enable: 'Kích hoạt lại',
  checklist: 'Đánh dấu danh mục thẩm định',
  document_add: 'Thêm tài liệu',
  submit: 'Nộp',
  resubmit: 'Nộp lại',
  request_changes: 'Yêu cầu bổ sung',
  revision_approve: 'Phê duyệt bản sửa',
  revision_reject: 'Từ chối bản sửa',
  reinstate_request: 'Đề nghị khôi phục',
  reinstate_approve: 'Phê duyệt khôi phục',
  reinstate_reject: 'Từ chối khôi phục',
  emergency_suspend: 'Tạm dừng khẩn cấp',
};

/** "number.approve" → "Phê duyệt số điện thoại"; an action this table does not know keeps its code, marked. */
export function auditActionText(action: string): string {
  if (ACTION_TEXT[action]) return ACTION_TEXT[action];
  const dot = action.indexOf('.');
  const entity = ENTITY_LABEL[action.slice(0, dot)];
  const verb = VERB_TEXT[action.slice(dot + 1)];
  if (dot > 0 && entity && verb) return `${verb} ${entity.charAt(0).toLowerCase()}${entity.slice(1)}`;
  return `Thao tác khác (${action})`;
}

export function isKnownAuditAction(action: string): boolean {
  return !auditActionText(action).startsWith('Thao tác khác');
}

const FIELD_TEXT: Record<string, string> = {
  status: 'Trạng thái',
  statusReason: 'Lý do',
  reason: 'Lý do',
  name: 'Tên',
  code: 'Mã',
  kind: 'Loại',
  label: 'Nhãn',
  displayName: 'Tên tiếng Việt',
  callReason: 'Lý do cuộc gọi',
  number: 'Số',
  e164: 'Số',
  direction: 'Chiều gọi',
  allowedOrigins: 'Nhà mạng được phép',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  evidence: 'Căn cứ',
  expiresAt: 'Hết hạn',
  role: 'Vai trò',
  username: 'Tên đăng nhập',
  organizationId: 'Cơ quan',
  parentId: 'Cơ quan cấp trên',
  brandnameId: 'Tên định danh',
  holdingCarrier: 'Nhà mạng giữ số',
  prefix: 'Tiền tố khóa',
  pendingRevision: 'Bản sửa chờ duyệt',
  pendingReinstate: 'Đề nghị khôi phục chờ duyệt',
  decidedRevision: 'Bản sửa đã quyết định',
  decidedReinstate: 'Đề nghị khôi phục đã quyết định',
  coveredBy: 'Theo phê duyệt hồ sơ',
  problems: 'Lỗi của hồ sơ',
  taken: 'Tên đã có người dùng',
  refusedSubmissions: 'Số lần bị từ chối',
  left: 'Số lần nộp còn lại',
  term: 'Tên được bảo vệ',
  spellings: 'Cách viết khác',
  kinds: 'Loại cơ quan được dùng',
  source: 'Nguồn',
  action: 'Đề xuất',
  protectedNameId: 'Tên được bảo vệ',
  decidedBy: 'Người quyết định',
  decidedAt: 'Thời điểm quyết định',
  decisionReason: 'Lý do quyết định',
  pendingProposal: 'Đề xuất chờ duyệt',
};

// Bookkeeping fields that change with every write and say nothing to a reader.
const SILENT = new Set([
  'updatedAt',
  'createdAt',
  'version',
  'id',
  'createdBy',
  'updatedBy',
  'submittedBy',
  'lastChangedBy',
  'statusChangedBy',
  'fourEyes',
]);
const TIME_FIELDS = new Set(['validFrom', 'validTo', 'expiresAt', 'revokedAt', 'occurredAt', 'decidedAt']);

function valueText(field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return field === 'allowedOrigins' ? 'mọi nhà mạng trong nước' : '(trống)';
  if (Array.isArray(v)) {
    if (v.length === 0 && field === 'allowedOrigins') return 'mọi nhà mạng trong nước';
    return v.map((x) => (field === 'kinds' ? (KIND_LABEL[String(x)] ?? String(x)) : String(x))).join(', ');
  }
  if (typeof v === 'string') {
    if (field === 'status') return STATUS_LABEL[v] ?? v;
    if (field === 'role') return ROLE_LABEL[v] ?? v;
    if (field === 'direction') return DIRECTION_LABEL[v] ?? v;
    if (field === 'kind') return KIND_LABEL[v] ?? v;
    if (field === 'action') return PROPOSAL_ACTION_LABEL[v] ?? v;
    if (TIME_FIELDS.has(field)) return formatVietnamTime(v);
    return v;
  }
  if (typeof v === 'boolean') return v ? 'có' : 'không';
  // A person as the DTOs name one ({id, username}): by name.
  if (typeof v === 'object' && typeof (v as { username?: unknown }).username === 'string') return (v as { username: string }).username;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * What an audited change did, in words: "Trạng thái: Chờ duyệt → Hoạt động; Nhà mạng được phép: mọi nhà mạng
 * trong nước → VIETTEL". A creation lists what was set; a change only what differs.
 */
export function auditChangeText(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => !SILENT.has(k));
  const parts: string[] = [];
  for (const k of keys) {
    const a = before?.[k];
    const b = after?.[k];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    const name = FIELD_TEXT[k] ?? k;
    if (!before) parts.push(`${name}: ${valueText(k, b)}`);
    else if (!after) parts.push(`${name}: ${valueText(k, a)} (đã xóa)`);
    else parts.push(`${name}: ${valueText(k, a)} → ${valueText(k, b)}`);
  }
  return parts.join('; ');
}
