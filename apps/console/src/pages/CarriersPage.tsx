import { useState } from 'react';
import type { FormEvent } from 'react';
import { api, get, post } from '../api';
import { STATUS_LABEL, formatDateTime } from '../labels';
import { useSession } from '../session-context';
import { SecretDialog } from '../secret-dialog';
import { Alert, Field, useLoad } from '../ui';
import type { Carrier } from '../types';

interface CreatedKey {
  carrier: string;
  key: string;
  prefix: string;
}

export function CarriersPage() {
  const { me } = useSession();
  const canEdit = me.role === 'regulator';
  const carriers = useLoad(() => get<Carrier[]>('/carriers'), []);
  const [success, setSuccess] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);

  const run = async (fn: () => Promise<string>) => {
    setError(undefined);
    setSuccess(null);
    try {
      setSuccess(await fn());
      carriers.reload();
    } catch (err) {
      setError(err);
    }
  };

  const createKey = (c: Carrier) =>
    run(async () => {
      const k = await post<{ key: string; prefix: string }>(`/carriers/${c.id}/api-keys`);
      setCreated({ carrier: c.code, key: k.key, prefix: k.prefix });
      return `Đã tạo khóa API cho ${c.code}.`;
    });

  const revokeKey = (c: Carrier, keyId: string, prefix: string) =>
    run(async () => {
      await api('DELETE', `/carriers/${c.id}/api-keys/${keyId}`);
      setConfirmRevoke(null);
      return `Đã thu hồi khóa ${prefix}… của ${c.code}.`;
    });

  return (
    <section aria-labelledby="carriers-title">
      <h1 id="carriers-title">Nhà mạng</h1>
      <Alert error={error ?? carriers.error} success={success} />
      {created ? (
        <SecretDialog
          title={`Khóa API mới của ${created.carrier}`}
          secret={created.key}
          testId="new-key"
          confirmLabel="Tôi đã sao chép khóa"
          onClose={() => setCreated(null)}
        >
          <p>
            <strong>Khóa chỉ hiển thị một lần này.</strong> Hãy sao chép và chuyển an toàn cho nhà mạng; sau khi đóng, không ai xem lại được
            khóa.
          </p>
        </SecretDialog>
      ) : null}
      {(carriers.data ?? []).map((c) => (
        <article key={c.id} className="card" aria-labelledby={`c-${c.id}`}>
          <div className="row spread">
            <h2 id={`c-${c.id}`}>
              {c.name} <span className="muted">({c.code})</span>
            </h2>
            <span className={`badge badge-${c.status}`}>{STATUS_LABEL[c.status] ?? c.status}</span>
          </div>
          {c.apiKeys.length === 0 ? <p className="muted">Chưa có khóa API.</p> : null}
          {c.apiKeys.length > 0 ? (
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Tiền tố khóa</th>
                  <th scope="col">Ngày tạo</th>
                  <th scope="col">Thu hồi lúc</th>
                  {canEdit ? <th scope="col">Thao tác</th> : null}
                </tr>
              </thead>
              <tbody>
                {c.apiKeys.map((k) => (
                  <tr key={k.id}>
                    <td className="mono">{k.prefix}…</td>
                    <td>{formatDateTime(k.createdAt)}</td>
                    <td>{k.revokedAt ? formatDateTime(k.revokedAt) : 'Còn hiệu lực'}</td>
                    {canEdit ? (
                      <td>
                        {k.revokedAt ? null : confirmRevoke === k.id ? (
                          <div className="row">
                            <button type="button" className="btn btn-danger" onClick={() => revokeKey(c, k.id, k.prefix)}>
                              Xác nhận thu hồi
                            </button>
                            <button type="button" className="btn" onClick={() => setConfirmRevoke(null)}>
                              Hủy
                            </button>
                          </div>
                        ) : (
                          <button
                            type="button"
                            className="btn"
                            aria-label={`Thu hồi khóa ${k.prefix} của ${c.code}`}
                            onClick={() => setConfirmRevoke(k.id)}
                          >
                            Thu hồi
                          </button>
                        )}
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          {canEdit ? (
            <button type="button" className="btn" onClick={() => createKey(c)} aria-label={`Tạo khóa API cho ${c.code}`}>
              Tạo khóa API
            </button>
          ) : null}
        </article>
      ))}
      {canEdit ? <CreateCarrier onCreated={(code) => run(async () => `Đã thêm nhà mạng ${code}.`)} onError={setError} /> : null}
    </section>
  );
}

function CreateCarrier({ onCreated, onError }: { onCreated: (code: string) => void; onError: (e: unknown) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const c = await post<Carrier>('/carriers', { code: code.trim().toUpperCase(), name: name.trim() });
      setCode('');
      setName('');
      onCreated(c.code);
    } catch (err) {
      onError(err);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-carrier-title">
      <h2 id="new-carrier-title">Thêm nhà mạng</h2>
      <div className="grid-3">
        <Field label="Mã nhà mạng" hint="Ví dụ: VIETTEL">
          {(id) => <input id={id} required pattern="[A-Za-z][A-Za-z0-9_]{1,31}" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label="Tên nhà mạng">
          {(id) => <input id={id} required minLength={2} maxLength={255} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="btn btn-primary">
        Thêm nhà mạng
      </button>
    </form>
  );
}
