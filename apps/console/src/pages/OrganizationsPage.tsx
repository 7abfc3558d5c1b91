import { useState } from 'react';
import { client, ok } from '../api/client';
import type { Organization } from '../api/types';
import { useFormSubmit, useLoad } from '../data';
import { KIND_LABEL, KIND_OPTIONS } from '../labels';
import { useSession } from '../session-context';
import { Alert, Field, Link, SelectField, StatusBadge } from '../ui';
import { TableHead } from '../table-head';

export function OrganizationsPage() {
  const { me } = useSession();
  const orgs = useLoad(() => ok(client.GET('/v1/organizations')), []);
  const [success, setSuccess] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();

  return (
    <section aria-labelledby="orgs-title">
      <h1 id="orgs-title">Cơ quan</h1>
      <Alert error={error ?? orgs.error} success={success} />
      {orgs.data && orgs.data.length === 0 ? <p className="empty">Chưa có cơ quan nào.</p> : null}
      {orgs.data && orgs.data.length > 0 ? (
        <table className="table stack-on-phone">
          <TableHead columns={['Mã', 'Tên', 'Loại', 'Trạng thái']} />
          <tbody>
            {orgs.data.map((o) => (
              <tr key={o.id}>
                <td data-label="Mã">
                  <Link to={`/organizations/${o.id}`}>{o.code}</Link>
                </td>
                <td data-label="Tên">{o.name}</td>
                <td data-label="Loại">{KIND_LABEL[o.kind] ?? o.kind}</td>
                <td data-label="Trạng thái">
                  <StatusBadge status={o.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {me.role === 'regulator' ? (
        <CreateOrganization
          onCreated={(o) => {
            setError(undefined);
            setSuccess(`Đã tạo cơ quan ${o.code}; cơ quan chờ một cán bộ khác duyệt.`);
            orgs.reload();
          }}
          onError={(e) => {
            setSuccess(null);
            setError(e);
          }}
        />
      ) : null}
    </section>
  );
}

function CreateOrganization({ onCreated, onError }: { onCreated: (o: Organization) => void; onError: (e: unknown) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<Organization['kind']>('ministry');
  const { busy, submit } = useFormSubmit(async () => {
    const o = await ok(client.POST('/v1/organizations', { body: { code: code.trim(), name: name.trim(), kind } }));
    setCode('');
    setName('');
    onCreated(o);
  }, onError);
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-org-title">
      <h2 id="new-org-title">Thêm cơ quan</h2>
      <div className="grid-3">
        <Field label="Mã cơ quan" hint="Ví dụ: MIC">
          {(id) => <input id={id} required pattern="[A-Za-z][A-Za-z0-9_]{1,31}" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label="Tên cơ quan">
          {(id) => <input id={id} required maxLength={255} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <SelectField label="Loại" value={kind} options={KIND_OPTIONS} onChange={(k) => setKind(k as Organization['kind'])} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Thêm cơ quan
      </button>
    </form>
  );
}
