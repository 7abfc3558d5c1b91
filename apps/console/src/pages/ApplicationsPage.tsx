import { useState } from 'react';
import { client, ok } from '../api/client';
import type { Application } from '../api/types';
import { useLoad } from '../data';
import { formatDateTime } from '../labels';
import { APPLICATION_STATUS_LABEL } from '../onboarding-text';
import { Alert, Link, SelectField } from '../ui';
import { TableHead } from '../table-head';

/** Applications to join: regulators see all, an agency admin its own. */
export function ApplicationsPage() {
  const [status, setStatus] = useState('');
  const list = useLoad(
    () => ok(client.GET('/v1/applications', { params: { query: { status: (status || undefined) as Application['status'] | undefined } } })),
    [status],
  );
  return (
    <section aria-labelledby="apps-title">
      <h1 id="apps-title">Hồ sơ đăng ký</h1>
      <SelectField label="Trạng thái" value={status} options={APPLICATION_STATUS_LABEL} onChange={setStatus} anyLabel="Tất cả" />
      <Alert error={list.error} />
      {list.data && list.data.length === 0 ? <p className="empty">Không có hồ sơ nào.</p> : null}
      {list.data && list.data.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <TableHead columns={['Cơ quan', 'Nhãn', 'Số', 'Trạng thái', 'Nộp lúc']} />
            <tbody>
              {list.data.map((a) => (
                <tr key={a.id}>
                  <td>
                    <Link to={`/applications/${a.id}`}>{a.organization.name}</Link>
                  </td>
                  <td>{a.brandname.label}</td>
                  <td>{a.numbers.length}</td>
                  <td>{APPLICATION_STATUS_LABEL[a.status] ?? a.status}</td>
                  <td>{formatDateTime(a.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
