import { useState } from 'react';
import type { FormEvent } from 'react';
import { download, get, query } from '../api';
import { auditActionText, auditChangeText } from '../../../../libs/domain/src/audit-text';
import { formatNationalNumber } from '../../../../libs/domain/src/phone-number';
import { ENTITY_LABEL, ROLE_LABEL, formatDateTime, vietnamLocalToIso } from '../labels';
import { useSession, useUserName } from '../session-context';
import { Alert, Field, SelectField } from '../ui';
import type { AuditEvent, AuditPage as Page, AuditVerification } from '../types';
import { useEffect } from 'react';

interface Filters {
  entityType: string;
  actorId: string;
  from: string;
  to: string;
}

const EMPTY: Filters = { entityType: '', actorId: '', from: '', to: '' };
/** Filters as the API reads them (the form's times are Vietnam time). */
const apiFilters = (f: Filters) => ({ entityType: f.entityType, actorId: f.actorId, from: toIso(f.from), to: toIso(f.to) });

const toIso = vietnamLocalToIso;

export function AuditPage() {
  const { usernames, me } = useSession();
  const userName = useUserName();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);

  const load = async (f: Filters, after: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const page = await get<Page>(`/audit-events${query({ ...apiFilters(f), cursor: after, limit: 50 })}`);
      setEvents((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(filters, null);
  }, [filters]);

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ ...draft });
  };

  const [exporting, setExporting] = useState(false);
  /** The whole filtered range, as the registry writes it (Vietnamese, Vietnam time), saved as a file. */
  const exportCsv = async () => {
    setExporting(true);
    setError(undefined);
    try {
      const blob = await download(`/audit-events/export${query(apiFilters(filters))}`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = 'nhat-ky.csv';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setError(err);
    } finally {
      setExporting(false);
    }
  };

  const verify = async () => {
    setVerifying(true);
    setVerification(null);
    setError(undefined);
    try {
      setVerification(await get<AuditVerification>('/audit-events/verify'));
    } catch (err) {
      setError(err);
    } finally {
      setVerifying(false);
    }
  };

  return (
    <section aria-labelledby="audit-title">
      <div className="row spread">
        <h1 id="audit-title">Nhật ký</h1>
        <div className="row">
          <button type="button" className="btn" onClick={exportCsv} disabled={exporting}>
            {exporting ? 'Đang xuất…' : 'Xuất CSV (theo bộ lọc)'}
          </button>
          <button type="button" className="btn btn-primary" onClick={verify} disabled={verifying}>
            {verifying ? 'Đang kiểm tra…' : 'Kiểm tra chuỗi'}
          </button>
        </div>
      </div>
      <div role="status">
        {verification ? (
          verification.valid ? (
            <p className="alert alert-success">
              Chuỗi nhật ký toàn vẹn: đã kiểm tra {verification.checked} sự kiện, không có sự kiện nào bị sửa hay xóa.
            </p>
          ) : (
            <p className="alert alert-error">
              Chuỗi nhật ký bị phá vỡ tại sự kiện #{verification.brokenAt} (đã kiểm tra {verification.checked} sự kiện):{' '}
              {verification.reason}
            </p>
          )
        ) : null}
      </div>
      <form className="card filters" onSubmit={apply} aria-label="Lọc nhật ký">
        <SelectField
          label="Loại đối tượng"
          value={draft.entityType}
          options={ENTITY_LABEL}
          anyLabel="Tất cả"
          onChange={(entityType) => setDraft({ ...draft, entityType })}
        />
        <Field label="Người thực hiện">
          {(id) =>
            me.role === 'regulator' ? (
              <select id={id} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}>
                <option value="">Tất cả</option>
                {[...usernames.entries()].map(([uid, name]) => (
                  <option key={uid} value={uid}>
                    {name}
                  </option>
                ))}
              </select>
            ) : (
              <input
                id={id}
                placeholder="Mã người dùng (UUID)"
                value={draft.actorId}
                onChange={(e) => setDraft({ ...draft, actorId: e.target.value.trim() })}
              />
            )
          }
        </Field>
        <Field label="Từ">
          {(id) => (
            <input id={id} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />
          )}
        </Field>
        <Field label="Đến">
          {(id) => <input id={id} type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
        </Field>
        <div className="row">
          <button type="submit" className="btn btn-primary">
            Lọc
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setDraft(EMPTY);
              setFilters(EMPTY);
            }}
          >
            Xóa bộ lọc
          </button>
        </div>
      </form>
      <Alert error={error} />
      {!loading && events.length === 0 ? <p className="empty">Không có sự kiện nào.</p> : null}
      {events.length > 0 ? (
        <table className="table audit stack-on-phone">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Thời điểm</th>
              <th scope="col">Người thực hiện</th>
              <th scope="col">Hành động</th>
              <th scope="col">Đối tượng</th>
              <th scope="col">Thay đổi</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const change = auditChangeText(e.before, e.after);
              return (
                <tr key={e.seq} data-testid="audit-row">
                  <td data-label="#">{e.seq}</td>
                  <td data-label="Thời điểm">{formatDateTime(e.occurredAt)}</td>
                  <td data-label="Người thực hiện">
                    {e.actorName ?? userName(e.actorId)}
                    {e.actorRole ? <div className="muted small">{ROLE_LABEL[e.actorRole] ?? e.actorRole}</div> : null}
                  </td>
                  <td data-label="Hành động" title={e.action}>
                    {auditActionText(e.action)}
                  </td>
                  <td data-label="Đối tượng">
                    {ENTITY_LABEL[e.entityType] ?? e.entityType}
                    {e.entityName ? (
                      <div className="small">{e.entityType === 'number' ? formatNationalNumber(e.entityName) : e.entityName}</div>
                    ) : null}
                    {!e.entityName && e.entityId ? <div className="muted small mono">{e.entityId.slice(0, 8)}…</div> : null}
                  </td>
                  <td data-label="Thay đổi">
                    {change ? <div className="small">{change}</div> : <span className="muted small">—</span>}
                    <details>
                      <summary className="small">Dữ liệu gốc</summary>
                      <div className="diff">
                        <div>
                          <div className="small muted">Trước</div>
                          <pre>{e.before ? JSON.stringify(e.before, null, 2) : '—'}</pre>
                        </div>
                        <div>
                          <div className="small muted">Sau</div>
                          <pre>{e.after ? JSON.stringify(e.after, null, 2) : '—'}</pre>
                        </div>
                      </div>
                    </details>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {cursor ? (
        <button type="button" className="btn" disabled={loading} onClick={() => load(filters, cursor)}>
          Tải thêm
        </button>
      ) : null}
      {loading ? <p>Đang tải…</p> : null}
    </section>
  );
}
