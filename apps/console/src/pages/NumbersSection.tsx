import { Fragment, useState } from 'react';
import type { FormEvent } from 'react';
import { get, post, query } from '../api';
import { DIRECTION_LABEL, STATUS_LABEL, formatDateTime } from '../labels';
import { Alert, Field, SelectField, StatusBadge, useLoad } from '../ui';
import type { Brandname, CallerNumber, NumberPage } from '../types';
import { formatNationalNumber } from '../../../../libs/domain/src/phone-number';
import { narrowingText, originsText } from '../review-text';
import { EditNumber, NUMBER_FIELD_NAMES, numberValueText } from './EditNumber';
import { ReviewActions } from './ReviewActions';

const PAGE_SIZE = 20;

/** An organization's numbers: filtered and paged, each with its terms (origins, validity, evidence) and an edit form. */
export function NumbersSection({
  orgId,
  brandnames,
  canEdit,
  tick,
  onDone,
  onError,
}: {
  orgId: string;
  brandnames: Brandname[];
  canEdit: boolean;
  tick: number;
  onDone: (m: string) => void;
  onError: (e: unknown) => void;
}) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const numbers = useLoad(
    () => get<NumberPage>(`/organizations/${orgId}/numbers${query({ status, page, pageSize: PAGE_SIZE })}`),
    [orgId, status, page, tick],
  );
  const labels = new Map(brandnames.map((b) => [b.id, b.label]));
  const [editing, setEditing] = useState<string | null>(null);
  const data = numbers.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section aria-labelledby="num-title">
      <h2 id="num-title">Số điện thoại</h2>
      <div className="toolbar">
        <Field label="Lọc theo trạng thái">
          {(id) => (
            <select
              id={id}
              value={status}
              onChange={(e) => {
                setStatus(e.target.value);
                setPage(1);
              }}
            >
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
        <table className="table stack-on-phone">
          <thead>
            <tr>
              <th scope="col">Số</th>
              <th scope="col">Nhãn</th>
              <th scope="col">Chiều gọi</th>
              <th scope="col">Trạng thái</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((n: CallerNumber) => (
              <Fragment key={n.id}>
                <tr data-testid="number-row">
                  <td data-label="Số">
                    <strong>{formatNationalNumber(n.number)}</strong>
                    <div className="muted small mono">{n.number}</div>
                    <div className="muted small" data-testid="number-terms">
                      Nhà mạng: {originsText(n.allowedOrigins)}
                      {n.validFrom || n.validTo
                        ? ` · Hiệu lực: ${n.validFrom ? formatDateTime(n.validFrom) : '…'} – ${n.validTo ? formatDateTime(n.validTo) : '…'}`
                        : ''}
                      {n.evidence ? ` · Căn cứ: ${n.evidence}` : ''}
                      {n.pendingRevision ? ' · Có bản sửa chờ duyệt' : ''}
                    </div>
                    {n.pendingRevision ? <PendingChanges number={n} labels={labels} /> : null}
                  </td>
                  <td data-label="Nhãn">{labels.get(n.brandnameId) ?? ''}</td>
                  <td data-label="Chiều gọi">{DIRECTION_LABEL[n.direction] ?? n.direction}</td>
                  <td data-label="Trạng thái">
                    <StatusBadge status={n.status} />
                    {n.statusReason ? <div className="muted small">Lý do: {n.statusReason}</div> : null}
                  </td>
                  <td data-label="Thao tác">
                    <ReviewActions
                      kind="numbers"
                      item={n}
                      subject={`Số ${formatNationalNumber(n.number)}`}
                      onDone={onDone}
                      onError={onError}
                    />
                    {canEdit && n.status !== 'revoked' && n.status !== 'rejected' && n.status !== 'merged' ? (
                      <button
                        type="button"
                        className="btn"
                        aria-expanded={editing === n.id}
                        onClick={() => setEditing(editing === n.id ? null : n.id)}
                      >
                        Sửa: Số {formatNationalNumber(n.number)}
                      </button>
                    ) : null}
                  </td>
                </tr>
                {editing === n.id ? (
                  <tr className="edit-row">
                    <td colSpan={5}>
                      <EditNumber
                        number={n}
                        onCancel={() => setEditing(null)}
                        onSaved={(saved) => {
                          setEditing(null);
                          onDone(
                            saved.pendingRevision
                              ? `Đã gửi bản sửa số ${formatNationalNumber(saved.number)}; chờ cán bộ khác duyệt, giá trị cũ vẫn áp dụng đến khi được duyệt.`
                              : `Đã lưu số ${formatNationalNumber(saved.number)}.`,
                          );
                        }}
                      />
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
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
      {canEdit ? <AddNumber orgId={orgId} brandnames={brandnames} onDone={onDone} onError={onError} /> : null}
    </section>
  );
}

/** A number's pending revision in a line (live → proposed), and what a narrowing of its origins means meanwhile. */
function PendingChanges({ number, labels }: { number: CallerNumber; labels: Map<string, string> }) {
  const revision = number.pendingRevision!;
  const show = (field: string, v: unknown) =>
    field === 'brandnameId' ? (typeof v === 'string' ? (labels.get(v) ?? '(tên định danh khác)') : '(trống)') : numberValueText(field, v);
  const narrowing = narrowingText(number.allowedOrigins, revision.changes);
  return (
    <div className="small" data-testid="number-revision">
      <span className="muted">
        Chờ duyệt:{' '}
        {Object.keys(revision.changes)
          .map((f) => `${NUMBER_FIELD_NAMES[f] ?? f}: ${show(f, revision.previous[f])} → ${show(f, revision.changes[f])}`)
          .join('; ')}
      </span>
      {narrowing ? (
        <p className="narrowing" data-testid="narrowing">
          {narrowing}
        </p>
      ) : null}
    </div>
  );
}

function AddNumber({
  orgId,
  brandnames,
  onDone,
  onError,
}: {
  orgId: string;
  brandnames: Brandname[];
  onDone: (m: string) => void;
  onError: (e: unknown) => void;
}) {
  const [number, setNumber] = useState('');
  const [brandnameId, setBrandnameId] = useState('');
  const [direction, setDirection] = useState('outbound');
  const [busy, setBusy] = useState(false);
  const usable = brandnames.filter((b) => b.status !== 'revoked' && b.status !== 'rejected');
  const chosen = brandnameId || usable[0]?.id || '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const n = await post<CallerNumber>(`/organizations/${orgId}/numbers`, { number: number.trim(), brandnameId: chosen, direction });
      setNumber('');
      onDone(`Đã thêm số ${formatNationalNumber(n.number)}; chờ duyệt.`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-num-title">
      <h3 id="add-num-title">Thêm số điện thoại</h3>
      {usable.length === 0 ? <p className="muted">Cần có tên định danh trước khi thêm số.</p> : null}
      <div className="grid-3">
        <Field label="Số điện thoại" hint="Mọi định dạng Việt Nam, ví dụ: 024 3943 7142">
          {(id) => <input id={id} required inputMode="tel" maxLength={64} value={number} onChange={(e) => setNumber(e.target.value)} />}
        </Field>
        <Field label="Tên định danh">
          {(id) => (
            <select id={id} required value={chosen} onChange={(e) => setBrandnameId(e.target.value)}>
              {usable.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label} — {b.displayName}
                </option>
              ))}
            </select>
          )}
        </Field>
        <SelectField label="Chiều gọi" value={direction} options={DIRECTION_LABEL} onChange={setDirection} />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || usable.length === 0}>
        Thêm số
      </button>
    </form>
  );
}
