import { useState } from 'react';
import type { Organization, Role } from '../../api/types';
import { ROLE_LABEL } from '../../labels';
import { useSession } from '../../session-context';
import { Field, SelectField } from '../../ui';
import { creatableRoles } from '../../users';
import type { OneTime } from './account-text';
import { createUser } from './use-users';
import { useFormSubmit } from '../../data';

/** A new account, of a role this manager may give; a regulator chooses how its holder gets a password. */
export function CreateUser({
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
  const [role, setRole] = useState<Role>(roles[0] ?? 'agency_admin');
  const [organizationId, setOrganizationId] = useState('');
  const [secretKind, setSecretKind] = useState<'enroll' | 'password'>('enroll');
  const roleOptions = Object.fromEntries(roles.map((r) => [r, ROLE_LABEL[r] ?? r]));
  const orgOptions = Object.fromEntries(orgs.map((o) => [o.id, `${o.name} (${o.code})`]));
  const pickOrg = me.role === 'regulator' && role === 'agency_admin';
  const enrolling = role === 'regulator' && secretKind === 'enroll';

  const { busy, submit } = useFormSubmit(async () => {
    // No password: the registry generates a one-time one that the new user must change at first sign-in, or,
    // for an enrolled regulator, gives the first half of its enrollment code (its approver gets the second).
    const created = await createUser({
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
  }, onError);
  if (roles.length === 0) return null;
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-user">
      <h2 id="new-user">Thêm người dùng</h2>
      <Field label="Tên đăng nhập của người mới" hint="3–64 chữ cái không dấu, chữ số, dấu . _ hoặc -">
        {(id) => <input id={id} required value={username} onChange={(e) => setUsername(e.target.value)} />}
      </Field>
      {roles.length > 1 ? <SelectField label="Vai trò" value={role} options={roleOptions} onChange={(r) => setRole(r as Role)} /> : null}
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
