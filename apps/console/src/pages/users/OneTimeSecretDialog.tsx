import { BASE } from '../../router';
import { SecretDialog } from '../../secret-dialog';
import { SECRET_TEXT } from './account-text';
import type { OneTime } from './account-text';

/**
 * A one-time password or one half of an enrollment code, in the shared one-time-secret dialog (it stays until the
 * user says it was copied).
 */
export function OneTimeSecretDialog({ oneTime, onClose }: { oneTime: OneTime; onClose: () => void }) {
  const text = SECRET_TEXT[oneTime.kind];
  const enrollAt = `${window.location.origin}${BASE}/kich-hoat`;
  const waits = oneTime.pending ? ' Tài khoản đang chờ một cán bộ khác phê duyệt.' : '';
  return (
    <SecretDialog
      title={`${text.title} ${oneTime.username}`}
      secret={oneTime.secret}
      testId={text.testId}
      confirmLabel={text.confirm}
      onClose={onClose}
    >
      {oneTime.kind === 'enroll-first' || oneTime.kind === 'enroll-second' ? (
        <p>
          {oneTime.kind === 'enroll-first'
            ? `Đã tạo tài khoản cán bộ quản lý ${oneTime.username}; tài khoản chờ một cán bộ khác phê duyệt, và người phê duyệt sẽ nhận nửa thứ hai của mã. `
            : `Đã phê duyệt tài khoản ${oneTime.username}; người tạo tài khoản giữ nửa thứ nhất của mã. `}
          Người dùng cần <strong>cả hai nửa</strong> để tự đặt mật khẩu tại trang Kích hoạt tài khoản ({enrollAt}) trong 14 ngày kể từ khi
          được phê duyệt. Hãy trao nửa này tận tay, riêng với nửa kia: không một người nào giữ cả hai nửa, nên không ai khác biết mật khẩu
          của họ. Hệ thống chỉ hiển thị nửa mã này <strong>một lần</strong>.
        </p>
      ) : (
        <p>
          {oneTime.kind === 'created' ? `Tài khoản đã được tạo.${waits} ` : 'Mật khẩu đã được đặt lại. '}
          Hệ thống chỉ hiển thị mật khẩu này <strong>một lần</strong>; hãy trao tận tay cho người dùng. Họ phải đổi mật khẩu ngay lần đăng
          nhập đầu tiên.
        </p>
      )}
    </SecretDialog>
  );
}
