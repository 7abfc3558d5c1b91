import type { Invitation } from '../../api/types';
import { formatDateTime as formatTime } from '../../labels';
import { invitationStatusText } from '../../onboarding-text';
import { TableHead } from '../../table-head';

/** The invitations sent: to whom, whether still open (an open one can be revoked) and until when. */
export function InvitationsTable({ invitations, onRevoke }: { invitations: Invitation[]; onRevoke: (i: Invitation) => void }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <TableHead columns={['Mã', 'Tên cơ quan', 'Trạng thái', 'Hết hạn']} hiddenLast="Thao tác" />
        <tbody>
          {invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.organizationCode}</td>
              <td>{i.organizationName}</td>
              <td>{invitationStatusText(i)}</td>
              <td>{formatTime(i.expiresAt)}</td>
              <td>
                {i.status === 'open' ? (
                  <button
                    type="button"
                    className="btn btn-danger"
                    onClick={() => onRevoke(i)}
                    aria-label={`Thu hồi lời mời ${i.organizationCode}`}
                  >
                    Thu hồi
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
