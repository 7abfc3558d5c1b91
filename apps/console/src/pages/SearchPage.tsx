import { e164PrefixOfQuery } from '@app/domain/phone-number';
import { client, ok } from '../api/client';
import type { NumberSearchPage, Organization } from '../api/types';
import { useLoad } from '../data';
import { useQueryParam } from '../router';
import { DIRECTION_LABEL, label } from '../labels';
import { Alert, Link, StatusBadge } from '../ui';
import { TableHead } from '../table-head';

interface Results {
  numbers: NumberSearchPage | null;
  organizations: Organization[];
}

/** Numbers in any format (or their first digits) and organizations by code or name, without diacritics if you like. */
async function search(q: string): Promise<Results> {
  const isNumber = e164PrefixOfQuery(q) !== null;
  const [numbers, organizations] = await Promise.all([
    isNumber ? ok(client.GET('/v1/numbers', { params: { query: { q, pageSize: 100 } } })) : Promise.resolve(null),
    ok(client.GET('/v1/organizations', { params: { query: { q } } })),
  ]);
  return { numbers, organizations };
}

/** The search box's results (the query is the page's `q` parameter). */
export function SearchPage() {
  const q = useQueryParam('q');
  const results = useLoad(() => (q.trim() ? search(q.trim()) : Promise.resolve({ numbers: null, organizations: [] })), [q]);
  const data = results.data;
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Kết quả tìm kiếm: “{q}”</h1>
      <Alert error={results.error} />
      {results.loading && !data ? <p>Đang tìm…</p> : null}
      {data ? (
        <>
          <h2>Số điện thoại</h2>
          {data.numbers === null ? (
            <p className="muted">Không phải số điện thoại: chỉ tìm cơ quan.</p>
          ) : data.numbers.items.length === 0 ? (
            <p className="empty">Không có số nào khớp.</p>
          ) : (
            <table className="table" data-testid="number-results">
              <caption className="visually-hidden">Các số khớp</caption>
              <TableHead columns={['Số', 'Cơ quan', 'Tên định danh', 'Trạng thái', 'Chiều gọi']} />
              <tbody>
                {data.numbers.items.map((n) => (
                  <tr key={n.id} data-testid="number-result">
                    <td>
                      <strong>{n.nationalNumber}</strong>
                    </td>
                    <td>
                      <Link to={`/organizations/${n.organization.id}`}>{n.organization.code}</Link>
                      <div className="muted">{n.organization.name}</div>
                    </td>
                    <td>{n.label}</td>
                    <td>
                      <StatusBadge status={n.status} />
                    </td>
                    <td>
                      <span className={n.direction === 'inbound_only' ? 'badge badge-inbound' : 'badge badge-outbound'}>
                        {label(DIRECTION_LABEL, n.direction)}
                      </span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {data.numbers && data.numbers.total > data.numbers.items.length ? (
            <p className="muted">
              Hiển thị {data.numbers.items.length} trên {data.numbers.total} số: gõ thêm chữ số để thu hẹp.
            </p>
          ) : null}
          <h2>Cơ quan</h2>
          {data.organizations.length === 0 ? (
            <p className="empty">Không có cơ quan nào khớp.</p>
          ) : (
            <ul data-testid="organization-results">
              {data.organizations.map((o) => (
                <li key={o.id}>
                  <Link to={`/organizations/${o.id}`}>{o.code}</Link> {o.name} <StatusBadge status={o.status} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}
