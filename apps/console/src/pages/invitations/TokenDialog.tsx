import type { CreatedInvitation } from '../../api/types';
import { formatDateTime as formatTime } from '../../labels';
import { BASE } from '../../router';
import { SecretDialog } from '../../secret-dialog';

/** The one-time token and link: stays open until the user says it was sent (Escape does not close it). */
export function TokenDialog({ created, onClose }: { created: CreatedInvitation; onClose: () => void }) {
  const link = `${window.location.origin}${BASE}/dang-ky?token=${encodeURIComponent(created.token)}`;
  return (
    <SecretDialog
      title={`Lời mời cho ${created.organizationCode}`}
      secret={link}
      testId="invitation-link"
      confirmLabel="Tôi đã gửi đường dẫn"
      onClose={onClose}
    >
      <p>
        Gửi đường dẫn này cho cơ quan được mời. Hệ thống chỉ hiển thị <strong>một lần</strong>; hiệu lực đến {formatTime(created.expiresAt)}
        .
      </p>
    </SecretDialog>
  );
}
