/**
 * The Vietnamese words for the API's codes, shared by the console and by what the registry writes for people
 * (the audit export): one vocabulary, so a status reads the same on a page and in a spreadsheet.
 */
export const STATUS_LABEL: Record<string, string> = {
  pending: 'Chờ duyệt',
  active: 'Hoạt động',
  rejected: 'Bị từ chối',
  suspended: 'Tạm ngưng',
  revoked: 'Đã thu hồi',
  merged: 'Đã hợp nhất',
  disabled: 'Vô hiệu',
};

export const ROLE_LABEL: Record<string, string> = {
  regulator: 'Cán bộ quản lý',
  agency_admin: 'Quản trị cơ quan',
  auditor: 'Kiểm toán viên',
  carrier: 'Nhà mạng',
};

/** In the order a select offers them: the state's bodies first, then banks, "Khác" last. */
export const KIND_LABEL: Record<string, string> = {
  ministry: 'Bộ, cơ quan ngang bộ',
  government: 'Chính phủ, Văn phòng Chính phủ',
  national_assembly: 'Quốc hội, cơ quan của Quốc hội',
  police: 'Công an',
  court: 'Tòa án',
  procuracy: 'Viện kiểm sát',
  judicial: 'Cơ quan tư pháp',
  provincial: 'Chính quyền cấp tỉnh',
  commune: 'Chính quyền cấp xã',
  tax: 'Cơ quan thuế',
  customs: 'Hải quan',
  social_insurance: 'Bảo hiểm xã hội',
  central_bank: 'Ngân hàng Nhà nước',
  bank: 'Ngân hàng',
  other: 'Khác',
};

export const DIRECTION_LABEL: Record<string, string> = {
  outbound: 'Gọi đi',
  inbound_only: 'Chỉ nhận cuộc gọi',
};

export const ENTITY_LABEL: Record<string, string> = {
  organization: 'Cơ quan',
  brandname: 'Tên định danh',
  number: 'Số điện thoại',
  user: 'Người dùng',
  carrier: 'Nhà mạng',
  carrier_api_key: 'Khóa API nhà mạng',
  application: 'Hồ sơ đăng ký',
  invitation: 'Lời mời',
  reorganization: 'Đợt sắp xếp lại',
  signing_key: 'Khóa ký',
  document: 'Tài liệu',
  protected_name: 'Tên được bảo vệ',
  protected_name_proposal: 'Đề xuất về tên được bảo vệ',
};

/** Vietnam's clock (UTC+07:00, no daylight saving), for every time shown to people. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const DATE_TIME_PARTS = new Intl.DateTimeFormat('en-GB', {
  timeZone: VIETNAM_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2026-12-01T11:51:00Z" → "01/12/2026 18:51" (Vietnam time). */
export function formatVietnamTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  const d = iso instanceof Date ? iso : new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const p = Object.fromEntries(DATE_TIME_PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
