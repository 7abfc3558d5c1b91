import { useState } from 'react';
import type { Brandname } from '../../../api/types';
import { STATUS_LABEL } from '../../../labels';
import { Alert, Field } from '../../../ui';
import { useOrganizationPage } from '../organization-context';
import { AddNumber } from './AddNumber';
import { NumbersTable } from './NumbersTable';
import { useNumbers } from './use-numbers';

/** An organization's numbers: filtered and paged, each with its terms (origins, validity, evidence) and an edit form. */
export function NumbersSection({ orgId, brandnames, tick }: { orgId: string; brandnames: Brandname[]; tick: number }) {
  const { canEdit } = useOrganizationPage();
  const { numbers, status, filter, page, setPage, pages } = useNumbers(orgId, tick);
  const [editing, setEditing] = useState<string | null>(null);
  const data = numbers.data;
  return (
    <section aria-labelledby="num-title">
      <h2 id="num-title">Số điện thoại</h2>
      <div className="toolbar">
        <Field label="Lọc theo trạng thái">
          {(id) => (
            <select id={id} value={status} onChange={(e) => filter(e.target.value)}>
              <option value="">Tất cả</option>
              {Object.entries(STATUS_LABEL)
                .filter(([k]) => k !== 'disabled')
                .map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
            </select>
          )}
        </Field>
        {data ? <p className="muted">{data.total} số</p> : null}
      </div>
      {numbers.error ? <Alert error={numbers.error} /> : null}
      {data && data.items.length === 0 ? <p className="empty">Không có số nào.</p> : null}
      {data && data.items.length > 0 ? (
        <NumbersTable numbers={data.items} brandnames={brandnames} editing={editing} setEditing={setEditing} />
      ) : null}
      {data && pages > 1 ? (
        <nav className="pager" aria-label="Phân trang số điện thoại">
          <button type="button" className="btn" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Trang trước
          </button>
          <span>
            Trang {page} / {pages}
          </span>
          <button type="button" className="btn" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            Trang sau
          </button>
        </nav>
      ) : null}
      {canEdit ? <AddNumber orgId={orgId} brandnames={brandnames} /> : null}
    </section>
  );
}
