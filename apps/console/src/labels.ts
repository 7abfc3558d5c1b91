// Vietnamese labels for the API's codes.
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

export const label = (map: Record<string, string>, code: string | null | undefined) => (code ? (map[code] ?? code) : '');

/** Every time the console shows is Vietnam's (UTC+07:00, no daylight saving), whatever the browser's zone. */
export const VIETNAM_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const VIETNAM_OFFSET = '+07:00';

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
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(DATE_TIME_PARTS.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** A `datetime-local` input's value, read as Vietnam time: "2026-12-01T18:51" → "2026-12-01T11:51:00.000Z". */
export function vietnamLocalToIso(local: string): string | undefined {
  if (!local) return undefined;
  const d = new Date(`${local.length === 16 ? `${local}:00` : local}${VIETNAM_OFFSET}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
