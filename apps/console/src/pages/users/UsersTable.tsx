import type { AccountSecondFactor, User } from '../../api/types';
import { ROLE_LABEL, STATUS_LABEL } from '../../labels';
import { useSession, useUserName } from '../../session-context';
import { ReasonAction } from '../../ui';
import { accountActions, ENROLLMENT_TEXT, secondFactorActions, secondFactorText } from '../../users';
import { VerdictButton } from '../../verdict';
import { CONFIRM_TEXT } from './account-text';
import type { PendingAction } from './account-text';
import { TableHead } from '../../table-head';

/**
 * The accounts, each with what this manager may do: approve or refuse a pending one (the registry's four-eyes
 * verdict decides whether approval is offered), disable or enable it, reset its password (after confirming), and
 * ask to reset its second factor, or approve or refuse a reset that waits (four eyes again).
 */
export function UsersTable({
  users,
  orgName,
  factorOf,
  decide,
  decideSecondFactor,
  ask,
}: {
  users: User[];
  orgName: (id: string | null) => string;
  factorOf: (userId: string) => AccountSecondFactor | undefined;
  decide: (user: User, action: 'approve' | 'reject', reason?: string) => Promise<void>;
  decideSecondFactor: (user: User, action: 'approve' | 'reject', reason?: string) => Promise<void>;
  ask: (pending: PendingAction) => void;
}) {
  const { me } = useSession();
  const userName = useUserName();
  return (
    <div className="table-wrap">
      <table className="table stack-on-phone">
        <TableHead columns={['Tên đăng nhập', 'Vai trò', 'Cơ quan', 'Trạng thái', 'Xác thực hai bước']} hiddenLast="Thao tác" />
        <tbody>
          {users.map((u) => {
            const can = accountActions(me, u);
            const factor = factorOf(u.id);
            const second = secondFactorActions(me, factor);
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
                <td data-label="Xác thực hai bước">
                  {secondFactorText(factor)}
                  {factor?.resetRequestedBy ? (
                    <span className="muted"> · chờ duyệt đặt lại (yêu cầu: {userName(factor.resetRequestedBy)})</span>
                  ) : null}
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
                    {second.request ? (
                      <button
                        type="button"
                        className="btn"
                        aria-label={`Đặt lại xác thực hai bước ${u.username}`}
                        onClick={() => ask({ user: u, action: 'second-factor-reset' })}
                      >
                        Đặt lại xác thực hai bước
                      </button>
                    ) : null}
                    {second.decide ? (
                      <div className="actions">
                        <VerdictButton
                          verdict={factor?.fourEyes}
                          label="Duyệt đặt lại xác thực hai bước"
                          ariaLabel={`Duyệt đặt lại xác thực hai bước ${u.username}`}
                          onClick={() => void decideSecondFactor(u, 'approve').catch(() => undefined)}
                        />
                        <ReasonAction
                          label="Từ chối đặt lại"
                          danger
                          subject={`xác thực hai bước của ${u.username}`}
                          onSubmit={(r) => decideSecondFactor(u, 'reject', r)}
                        />
                      </div>
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
