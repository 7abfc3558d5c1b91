import { useEffect, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, get, patch, post } from '../api';
import { ROLE_LABEL, STATUS_LABEL } from '../labels';
import { BASE } from '../router';
import { useSession } from '../session-context';
import { SecretDialog } from '../secret-dialog';
import { Alert, Field, ReasonAction, SelectField, useLoad } from '../ui';
import type { CreatedUser, Organization, User } from '../types';
import { accountActions, creatableRoles, ENROLLMENT_TEXT } from '../users';
import { VerdictButton } from '../verdict';

/** A secret the registry shows once: a one-time password (new account, reset) or one half of an enrollment code. */
interface OneTime {
  username: string;
  secret: string;
  kind: 'created' | 'reset' | 'enroll-first' | 'enroll-second';
  /** The account waits for a second person's approval. */
  pending?: boolean;
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
        setOneTime({ username: user.username, secret: r.oneTimePassword, kind: 'reset' });
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

  /** Approve or refuse a pending account; approving an enrollment hands this approver the code's second half. */
  const decide = async (user: User, action: 'approve' | 'reject', reason?: string) => {
    setError(undefined);
    setSuccess(null);
    try {
      const after = await post<CreatedUser>(`/users/${user.id}/${action}`, reason ? { reason } : {});
      if (after.enrollmentCode) setOneTime({ username: user.username, secret: after.enrollmentCode, kind: 'enroll-second' });
      else setSuccess(action === 'approve' ? `Đã phê duyệt tài khoản ${user.username}.` : `Đã từ chối tài khoản ${user.username}.`);
      users.reload();
    } catch (err) {
      setError(err);
      users.reload();
      throw err;
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
          <table className="table stack-on-phone">
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
                            <ReasonAction
                              label="Từ chối"
                              danger
                              subject={`tài khoản ${u.username}`}
                              onSubmit={(r) => decide(u, 'reject', r)}
                            />
                          </div>
                        ) : null}
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
  const [secretKind, setSecretKind] = useState<'enroll' | 'password'>('enroll');
  const [busy, setBusy] = useState(false);
  if (roles.length === 0) return null;
  const roleOptions = Object.fromEntries(roles.map((r) => [r, ROLE_LABEL[r] ?? r]));
  const orgOptions = Object.fromEntries(orgs.map((o) => [o.id, `${o.name} (${o.code})`]));
  const pickOrg = me.role === 'regulator' && role === 'agency_admin';
  const enrolling = role === 'regulator' && secretKind === 'enroll';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      // No password: the registry generates a one-time one that the new user must change at first sign-in, or,
      // for an enrolled regulator, gives the first half of its enrollment code (its approver gets the second).
      const created = await post<CreatedUser>('/users', {
        username: username.trim(),
        role,
        ...(pickOrg ? { organizationId: organizationId || orgs[0]?.id } : {}),
        ...(enrolling ? { enroll: true } : {}),
      });
      onCreated(
        created.enrollmentCode
          ? { username: created.username, secret: created.enrollmentCode, kind: 'enroll-first', pending: created.status === 'pending' }
          : { username: created.username, secret: created.oneTimePassword ?? '', kind: 'created', pending: created.status === 'pending' },
      );
      setUsername('');
    } catch (err) {
      onError(enrollRefusal(err));
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
      {role === 'regulator' ? (
        <fieldset className="choices">
          <legend>Cách người mới nhận mật khẩu</legend>
          <label className="check">
            <input type="radio" name="secret-kind" checked={secretKind === 'enroll'} onChange={() => setSecretKind('enroll')} /> Mã kích
            hoạt hai phần (khuyến nghị): bạn nhận nửa thứ nhất, người phê duyệt nhận nửa thứ hai; người mới tự đặt mật khẩu, không ai khác
            biết
          </label>
          <label className="check">
            <input type="radio" name="secret-kind" checked={secretKind === 'password'} onChange={() => setSecretKind('password')} /> Mật
            khẩu dùng một lần: bạn thấy mật khẩu nên có thể đăng nhập thay họ, và sẽ không được duyệt việc của họ
          </label>
        </fieldset>
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

/** Enrollment is only for a regulator that a second person approves (not the bootstrap pair): said in words. */
function enrollRefusal(err: unknown): unknown {
  if (err instanceof ApiError && err.code === 'VALIDATION_FAILED' && err.fields.some((f) => f.field === 'enroll')) {
    return new Error(
      'Chỉ dùng được mã kích hoạt hai phần cho tài khoản cán bộ quản lý phải chờ một người khác phê duyệt (không dùng cho cặp cán bộ quản lý đầu tiên): chọn "Mật khẩu dùng một lần".',
    );
  }
  return err;
}

const SECRET_TEXT: Record<OneTime['kind'], { title: string; confirm: string; testId: string }> = {
  created: { title: 'Mật khẩu dùng một lần cho', confirm: 'Tôi đã sao chép mật khẩu', testId: 'one-time-password' },
  reset: { title: 'Mật khẩu dùng một lần cho', confirm: 'Tôi đã sao chép mật khẩu', testId: 'one-time-password' },
  'enroll-first': { title: 'Nửa thứ nhất của mã kích hoạt cho', confirm: 'Tôi đã sao chép nửa mã', testId: 'enrollment-code' },
  'enroll-second': { title: 'Nửa thứ hai của mã kích hoạt cho', confirm: 'Tôi đã sao chép nửa mã', testId: 'enrollment-code' },
};

/**
 * A one-time password or one half of an enrollment code, in the shared one-time-secret dialog (it stays until the
 * user says it was copied).
 */
function OneTimePasswordDialog({ oneTime, onClose }: { oneTime: OneTime; onClose: () => void }) {
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
