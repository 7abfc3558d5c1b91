// Vietnamese labels for the API's codes.
export const STATUS_LABEL: Record<string, string> = {
  pending: 'Chờ duyệt',
  active: 'Hoạt động',
  rejected: 'Bị từ chối',
  suspended: 'Tạm ngưng',
  revoked: 'Đã thu hồi',
  disabled: 'Vô hiệu',
};

export const ROLE_LABEL: Record<string, string> = {
  regulator: 'Cán bộ quản lý',
  agency_admin: 'Quản trị cơ quan',
  auditor: 'Kiểm toán viên',
};

export const KIND_LABEL: Record<string, string> = {
  ministry: 'Bộ, cơ quan ngang bộ',
  judicial: 'Cơ quan tư pháp',
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
};

export const label = (map: Record<string, string>, code: string | null | undefined) => (code ? map[code] ?? code : '');

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('vi-VN', { dateStyle: 'short', timeStyle: 'short' });
}
