import type { User } from '../../api/types';
import { ROLE_LABEL, STATUS_LABEL } from '../../labels';
import { useSession } from '../../session-context';
import { ReasonAction } from '../../ui';
import { accountActions, ENROLLMENT_TEXT } from '../../users';
import { VerdictButton } from '../../verdict';
import { CONFIRM_TEXT } from './account-text';
import type { PendingAction } from './account-text';
import { TableHead } from '../../table-head';

/**
 * The accounts, each with what this manager may do: approve or refuse a pending one (the registry's four-eyes
 * verdict decides whether approval is offered), disable or enable it, reset its password (after confirming).
 */
export function UsersTable({
  users,
  orgName,
  decide,
  ask,
}: {
  users: User[];
  orgName: (id: string | null) => string;
  decide: (user: User, action: 'approve' | 'reject', reason?: string) => Promise<void>;
  ask: (pending: PendingAction) => void;
}) {
  const { me } = useSession();
  return (
    <div className="table-wrap">
      <table className="table stack-on-phone">
        <TableHead columns={['Tên đăng nhập', 'Vai trò', 'Cơ quan', 'Trạng thái']} hiddenLast="Thao tác" />
        <tbody>
          {users.map((u) => {
            const can = accountActions(me, u);
            return (
              <tr key={u.id}>
                <td data-label="Tên đăng nhập">{u.username}</td>
                <td data-label="Vai trò">{ROLE_LABEL[u.role] ?? u.role}</td>
                <td data-label="Cơ quan">{orgName(u.organizationId)}</td>
                <td data-label="Trạng thái">
                  {STATUS_LABEL[u.status] ?? u.status}
                  {u.enrollment ? <span className="muted"> · {ENROLLMENT_TEXT[u.enrollment]}</span> : null}
                  {u.passwordChangeRequired && !u.enrollment ? <span className="muted"> · chưa đổi mật khẩu tạm</span> : null}
                </td>
                <td data-label="Thao tác">
                  <div className="row">
                    {u.status === 'pending' && me.role === 'regulator' ? (
                      <div className="actions">
                        <VerdictButton
                          verdict={u.fourEyes}
                          label="Phê duyệt"
                          ariaLabel={`Phê duyệt tài khoản ${u.username}`}
                          onClick={() => void decide(u, 'approve').catch(() => undefined)}
                        />
                        <ReasonAction label="Từ chối" danger subject={`tài khoản ${u.username}`} onSubmit={(r) => decide(u, 'reject', r)} />
                      </div>
                    ) : null}
                    {can.toggle ? (
                      <button
                        type="button"
                        className={can.toggle === 'disable' ? 'btn btn-danger' : 'btn'}
                        aria-label={`${CONFIRM_TEXT[can.toggle].button} ${u.username}`}
                        onClick={() => ask({ user: u, action: can.toggle! })}
                      >
                        {CONFIRM_TEXT[can.toggle].button}
                      </button>
                    ) : null}
                    {can.reset ? (
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Đặt lại mật khẩu ${u.username}`}
                        onClick={() => ask({ user: u, action: 'reset' })}
                      >
                        Đặt lại mật khẩu
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
