import { get, query } from '../api';
import { e164PrefixOfQuery } from '../../../../libs/domain/src/phone-number';
import { DIRECTION_LABEL, label } from '../labels';
import { Alert, Link, StatusBadge, useLoad } from '../ui';
import type { NumberSearchPage, Organization } from '../types';

interface Results {
  numbers: NumberSearchPage | null;
  organizations: Organization[];
}

/** Numbers in any format (or their first digits) and organizations by code or name, without diacritics if you like. */
async function search(q: string): Promise<Results> {
  const isNumber = e164PrefixOfQuery(q) !== null;
  const [numbers, organizations] = await Promise.all([
    isNumber ? get<NumberSearchPage>(`/numbers${query({ q, pageSize: 100 })}`) : Promise.resolve(null),
    get<Organization[]>(`/organizations${query({ q })}`),
  ]);
  return { numbers, organizations };
}

export function SearchPage({ q }: { q: string }) {
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
              <thead>
                <tr>
                  <th scope="col">Số</th>
                  <th scope="col">Cơ quan</th>
                  <th scope="col">Tên định danh</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Chiều gọi</th>
                </tr>
              </thead>
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
