import type { User } from '../../api/types';

/** A secret the registry shows once: a one-time password (new account, reset) or one half of an enrollment code. */
export interface OneTime {
  username: string;
  secret: string;
  kind: 'created' | 'reset' | 'enroll-first' | 'enroll-second';
  /** The account waits for a second person's approval. */
  pending?: boolean;
}

/** A manager's action on an account, waiting for its confirmation. */
export interface PendingAction {
  user: User;
  action: 'disable' | 'enable' | 'reset' | 'second-factor-reset';
}

export const CONFIRM_TEXT: Record<PendingAction['action'], { title: string; body: string; button: string }> = {
  disable: {
    title: 'Vô hiệu hóa tài khoản',
    body: 'Người dùng bị đăng xuất ngay và không đăng nhập được nữa cho đến khi được kích hoạt lại.',
    button: 'Vô hiệu hóa',
  },
  enable: {
    title: 'Kích hoạt lại tài khoản',
    body: 'Người dùng đăng nhập lại được. Tài khoản cán bộ quản lý sẽ chờ một cán bộ khác phê duyệt.',
    button: 'Kích hoạt lại',
  },
  reset: {
    title: 'Đặt lại mật khẩu',
    body: 'Mật khẩu cũ và mọi phiên đăng nhập của người dùng hết hiệu lực ngay. Bạn sẽ nhận một mật khẩu dùng một lần để trao cho họ.',
    button: 'Đặt lại mật khẩu',
  },
  'second-factor-reset': {
    title: 'Đặt lại xác thực hai bước',
    body: 'Yêu cầu chờ một cán bộ quản lý khác phê duyệt. Khi được duyệt, xác thực hai bước của người dùng bị gỡ, mọi phiên đăng nhập của họ hết hiệu lực và họ phải thiết lập lại ở lần đăng nhập sau. Từ nay bạn được ghi nhận là người có thể hành động thay tài khoản này.',
    button: 'Đặt lại xác thực hai bước',
  },
};

export const SECRET_TEXT: Record<OneTime['kind'], { title: string; confirm: string; testId: string }> = {
  created: { title: 'Mật khẩu dùng một lần cho', confirm: 'Tôi đã sao chép mật khẩu', testId: 'one-time-password' },
  reset: { title: 'Mật khẩu dùng một lần cho', confirm: 'Tôi đã sao chép mật khẩu', testId: 'one-time-password' },
  'enroll-first': { title: 'Nửa thứ nhất của mã kích hoạt cho', confirm: 'Tôi đã sao chép nửa mã', testId: 'enrollment-code' },
  'enroll-second': { title: 'Nửa thứ hai của mã kích hoạt cho', confirm: 'Tôi đã sao chép nửa mã', testId: 'enrollment-code' },
};

/** Enrollment is only for a regulator that a second person approves (not the bootstrap pair). */
export const ENROLL_REFUSED =
  'Chỉ dùng được mã kích hoạt hai phần cho tài khoản cán bộ quản lý phải chờ một người khác phê duyệt (không dùng cho cặp cán bộ quản lý đầu tiên): chọn "Mật khẩu dùng một lần".';
