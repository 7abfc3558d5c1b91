import { useState } from 'react';
import type { FormEvent } from 'react';
import { get, post } from '../api';
import { KIND_LABEL } from '../labels';
import { INVITATION_STATUS_LABEL } from '../onboarding-text';
import { BASE } from '../router';
import { SecretDialog } from '../secret-dialog';
import { Alert, Field, SelectField, useLoad } from '../ui';
import { formatDateTime as formatTime } from '../labels';
import type { Invitation } from '../types';

interface Created {
  id: string;
  token: string;
  expiresAt: string;
  organizationCode: string;
}

/** Regulators invite an organization to apply; the token is shown once, in a dialog that waits for the user. */
export function InvitationsPage() {
  const invitations = useLoad(() => get<Invitation[]>('/invitations'), []);
  const [error, setError] = useState<unknown>();
  const [success, setSuccess] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  const revoke = async (i: Invitation) => {
    try {
      await post(`/invitations/${i.id}/revoke`);
      setSuccess(`Đã thu hồi lời mời ${i.organizationCode}.`);
      setError(undefined);
      invitations.reload();
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="inv-title">
      <h1 id="inv-title">Lời mời tham gia</h1>
      <Alert error={error ?? invitations.error} success={success} />
      {created ? <TokenDialog created={created} onClose={() => setCreated(null)} /> : null}
      {invitations.data && invitations.data.length === 0 ? <p className="empty">Chưa có lời mời nào.</p> : null}
      {invitations.data && invitations.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Mã</th>
                <th scope="col">Tên cơ quan</th>
                <th scope="col">Trạng thái</th>
                <th scope="col">Hết hạn</th>
                <th scope="col">
                  <span className="visually-hidden">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {invitations.data.map((i) => (
                <tr key={i.id}>
                  <td>{i.organizationCode}</td>
                  <td>{i.organizationName}</td>
                  <td>{INVITATION_STATUS_LABEL[i.status] ?? i.status}</td>
                  <td>{formatTime(i.expiresAt)}</td>
                  <td>
                    {i.status === 'open' ? (
                      <button
                        type="button"
                        className="btn btn-danger"
                        onClick={() => revoke(i)}
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
      ) : null}
      <CreateInvitation
        onCreated={(c) => {
          setCreated(c);
          setError(undefined);
          setSuccess(null);
          invitations.reload();
        }}
        onError={setError}
      />
    </section>
  );
}

function CreateInvitation({ onCreated, onError }: { onCreated: (c: Created) => void; onError: (e: unknown) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState('ministry');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await post<Created>('/invitations', { organizationCode: code.trim(), organizationName: name.trim(), kind }));
      setCode('');
      setName('');
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-inv">
      <h2 id="new-inv">Mời một cơ quan</h2>
      <Field label="Mã cơ quan" hint="Chữ in hoa, chữ số hoặc _, ví dụ BCA">
        {(id) => <input id={id} required value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label="Tên pháp lý" hint="Đúng như trong quyết định thành lập">
        {(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <SelectField label="Loại cơ quan" value={kind} options={KIND_LABEL} onChange={setKind} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Tạo lời mời
      </button>
    </form>
  );
}

/** The one-time token and link: stays open until the user says it was sent (Escape does not close it). */
function TokenDialog({ created, onClose }: { created: Created; onClose: () => void }) {
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
