import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { get, patch, post } from '../api';
import { ROLE_LABEL, STATUS_LABEL } from '../labels';
import { useSession } from '../session-context';
import { SecretDialog } from '../secret-dialog';
import { Alert, Field, SelectField, useLoad } from '../ui';
import type { Organization, User } from '../types';
import { accountActions, creatableRoles } from '../users';

interface OneTime {
  username: string;
  password: string;
  created: boolean;
}

interface Pending {
  user: User;
  action: 'disable' | 'enable' | 'reset';
}

const CONFIRM_TEXT: Record<Pending['action'], { title: string; body: string; button: string }> = {
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
};

/** Người dùng: regulators manage every account; an agency admin the agency admins of its own organization. */
export function UsersPage() {
  const { me } = useSession();
  const users = useLoad(() => get<User[]>('/users'), []);
  const orgs = useLoad(
    () =>
      me.role === 'regulator'
        ? get<Organization[]>('/organizations')
        : me.organizationId
          ? get<Organization>(`/organizations/${me.organizationId}`).then((o) => [o])
          : Promise.resolve([]),
    [me],
  );
  const [error, setError] = useState<unknown>();
  const [success, setSuccess] = useState<string | null>(null);
  const [oneTime, setOneTime] = useState<OneTime | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const orgName = (id: string | null) => (id ? (orgs.data?.find((o) => o.id === id)?.name ?? '—') : '—');

  const run = async ({ user, action }: Pending) => {
    setPending(null);
    setError(undefined);
    setSuccess(null);
    try {
      if (action === 'reset') {
        const r = await post<{ oneTimePassword: string }>(`/users/${user.id}/reset-password`);
        setOneTime({ username: user.username, password: r.oneTimePassword, created: false });
      } else {
        const after = await patch<User>(`/users/${user.id}`, {
          version: user.version,
          status: action === 'disable' ? 'disabled' : 'active',
        });
        setSuccess(
          after.status === 'pending'
            ? `Tài khoản ${user.username} chờ một cán bộ khác phê duyệt.`
            : `Đã ${action === 'disable' ? 'vô hiệu hóa' : 'kích hoạt lại'} tài khoản ${user.username}.`,
        );
      }
      users.reload();
    } catch (err) {
      setError(err);
      users.reload();
    }
  };

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Người dùng</h1>
      <Alert error={error ?? users.error} success={success} />
      {oneTime ? <OneTimePasswordDialog oneTime={oneTime} onClose={() => setOneTime(null)} /> : null}
      {pending ? <ConfirmDialog pending={pending} onConfirm={() => run(pending)} onCancel={() => setPending(null)} /> : null}
      {users.data ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Tên đăng nhập</th>
                <th scope="col">Vai trò</th>
                <th scope="col">Cơ quan</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data.map((u) => {
                const can = accountActions(me, u);
                return (
                  <tr key={u.id}>
                    <td>{u.username}</td>
                    <td>{ROLE_LABEL[u.role] ?? u.role}</td>
                    <td>{orgName(u.organizationId)}</td>
                    <td>
                      {STATUS_LABEL[u.status] ?? u.status}
                      {u.passwordChangeRequired ? <span className="muted"> · chưa đổi mật khẩu tạm</span> : null}
                    </td>
                    <td>
                      <div className="row">
                        {can.toggle ? (
                          <button
                            type="button"
                            className={can.toggle === 'disable' ? 'btn btn-danger' : 'btn'}
                            aria-label={`${CONFIRM_TEXT[can.toggle].button} ${u.username}`}
                            onClick={() => setPending({ user: u, action: can.toggle! })}
                          >
                            {CONFIRM_TEXT[can.toggle].button}
                          </button>
                        ) : null}
                        {can.reset ? (
                          <button
                            type="button"
                            className="btn"
                            aria-label={`Đặt lại mật khẩu ${u.username}`}
                            onClick={() => setPending({ user: u, action: 'reset' })}
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
      ) : null}
      <CreateUser
        orgs={orgs.data ?? []}
        onCreated={(o) => {
          setOneTime(o);
          setError(undefined);
          setSuccess(null);
          users.reload();
        }}
        onError={setError}
      />
    </section>
  );
}

function CreateUser({
  orgs,
  onCreated,
  onError,
}: {
  orgs: Organization[];
  onCreated: (o: OneTime) => void;
  onError: (e: unknown) => void;
}) {
  const { me } = useSession();
  const roles = creatableRoles(me);
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<string>(roles[0] ?? 'agency_admin');
  const [organizationId, setOrganizationId] = useState('');
  const [busy, setBusy] = useState(false);
  if (roles.length === 0) return null;
  const roleOptions = Object.fromEntries(roles.map((r) => [r, ROLE_LABEL[r] ?? r]));
  const orgOptions = Object.fromEntries(orgs.map((o) => [o.id, `${o.name} (${o.code})`]));
  const pickOrg = me.role === 'regulator' && role === 'agency_admin';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // No password: the registry generates a one-time one that the new user must change at first sign-in.
      const created = await post<User & { oneTimePassword: string }>('/users', {
        username: username.trim(),
        role,
        ...(pickOrg ? { organizationId: organizationId || orgs[0]?.id } : {}),
      });
      onCreated({ username: created.username, password: created.oneTimePassword, created: true });
      setUsername('');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">Thêm người dùng</h2>
      <Field label="Tên đăng nhập của người mới" hint="3–64 chữ cái không dấu, chữ số, dấu . _ hoặc -">
        {(id) => <input id={id} required value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      {roles.length > 1 ? <SelectField label="Vai trò" value={role} options={roleOptions} onChange={setRole} /> : null}
      {pickOrg ? (
        <SelectField label="Cơ quan" value={organizationId || orgs[0]?.id || ''} options={orgOptions} onChange={setOrganizationId} />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Tạo tài khoản
      </button>
    </form>
  );
}

function ConfirmDialog({ pending, onConfirm, onCancel }: { pending: Pending; onConfirm: () => void; onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const text = CONFIRM_TEXT[pending.action];
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id="confirm-title">
        {text.title}: {pending.user.username}
      </h2>
      <p>{text.body}</p>
      <div className="row">
        <button type="button" className={pending.action === 'disable' ? 'btn btn-danger' : 'btn btn-primary'} onClick={onConfirm}>
          Xác nhận
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Hủy
        </button>
      </div>
    </dialog>
  );
}

/** The one-time password, in the shared one-time-secret dialog (it stays until the user says it was copied). */
function OneTimePasswordDialog({ oneTime, onClose }: { oneTime: OneTime; onClose: () => void }) {
  return (
    <SecretDialog
      title={`Mật khẩu dùng một lần cho ${oneTime.username}`}
      secret={oneTime.password}
      testId="one-time-password"
      confirmLabel="Tôi đã sao chép mật khẩu"
      onClose={onClose}
    >
      <p>
        {oneTime.created ? 'Tài khoản đã được tạo. ' : 'Mật khẩu đã được đặt lại. '}
        Hệ thống chỉ hiển thị mật khẩu này <strong>một lần</strong>; hãy trao tận tay cho người dùng. Họ phải đổi mật khẩu ngay lần đăng
        nhập đầu tiên.
      </p>
    </SecretDialog>
  );
}
