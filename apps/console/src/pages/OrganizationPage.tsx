import { lazy, Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { get, post, query } from '../api';
import { DIRECTION_LABEL, KIND_LABEL, STATUS_LABEL, formatDateTime } from '../labels';
import { useSession, useUserName } from '../session-context';
import { Alert, Field, Link, SelectField, StatusBadge, useLoad } from '../ui';
import type { Brandname, CallerNumber, NumberPage, Organization } from '../types';
import { formatNationalNumber } from '../../../../libs/domain/src/phone-number';
import { ReviewActions } from './ReviewActions';
import { ImportPanel } from './ImportPanel';
import { HandsetPreview } from './HandsetPreview';

const PAGE_SIZE = 20;
// The chart library is loaded with the tab, not with the console.
const RolloutPanel = lazy(() => import('./RolloutPanel').then((m) => ({ default: m.RolloutPanel })));

export function OrganizationPage({ id }: { id: string }) {
  const { me } = useSession();
  const org = useLoad(() => get<Organization>(`/organizations/${id}`), [id]);
  const brandnames = useLoad(() => get<Brandname[]>(`/organizations/${id}/brandnames`), [id]);
  const [success, setSuccess] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [numbersTick, setNumbersTick] = useState(0);
  const [tab, setTab] = useState<'profile' | 'rollout'>('profile');
  const canEdit = me.role === 'regulator' || (me.role === 'agency_admin' && me.organizationId === id);
  const userName = useUserName();

  const done = (m: string) => {
    setError(undefined);
    setSuccess(m);
    org.reload();
    brandnames.reload();
    setNumbersTick((t) => t + 1);
  };
  const failed = (e: unknown) => {
    setSuccess(null);
    setError(e);
  };

  if (org.error && !org.data) return <Alert error={org.error} />;
  if (!org.data) return <p>Đang tải…</p>;
  const o = org.data;

  return (
    <>
      <section aria-labelledby="org-title">
        <h1 id="org-title">
          {o.name} <span className="muted">({o.code})</span>
        </h1>
        <p>
          {KIND_LABEL[o.kind] ?? o.kind} · <StatusBadge status={o.status} />
          {o.statusReason ? <span className="muted"> · Lý do: {o.statusReason}</span> : null}
          <span className="muted"> · Người gửi: {userName(o.submittedBy)}</span>
        </p>
        {o.status === 'merged' && o.successorId ? (
          <p data-testid="successor">
            Đã hợp nhất vào <Link to={`/organizations/${o.successorId}`}>cơ quan kế thừa</Link>; các số đã chuyển sang cơ quan đó.
          </p>
        ) : null}
        <ReviewActions kind="organizations" item={o} subject={`Cơ quan ${o.code}`} onDone={done} onError={failed} />
        <Alert error={error} success={success} />
        <div className="tabs" role="tablist" aria-label="Nội dung cơ quan">
          <button type="button" role="tab" aria-selected={tab === 'profile'} onClick={() => setTab('profile')}>
            Hồ sơ
          </button>
          <button type="button" role="tab" aria-selected={tab === 'rollout'} onClick={() => setTab('rollout')}>
            Triển khai
          </button>
        </div>
      </section>

      {tab === 'rollout' ? (
        <Suspense fallback={<p>Đang tải…</p>}>
          <RolloutPanel orgId={id} />
        </Suspense>
      ) : null}
      {tab === 'profile' ? (
        <>
          <section aria-labelledby="bn-title">
            <h2 id="bn-title">Tên định danh</h2>
            {brandnames.error ? <Alert error={brandnames.error} /> : null}
            {brandnames.data && brandnames.data.length === 0 ? <p className="empty">Chưa có tên định danh.</p> : null}
            <ul className="brandnames">
              {(brandnames.data ?? []).map((b) => (
                <li key={b.id} className="card brandname" data-testid="brandname">
                  <div className="brandname-names">
                    <div>
                      <div className="muted small">Nhãn (mọi máy)</div>
                      <div className="bn-label">{b.label}</div>
                    </div>
                    <div>
                      <div className="muted small">Tên tiếng Việt</div>
                      <div className="bn-name">{b.displayName}</div>
                    </div>
                    <div>
                      <StatusBadge status={b.status} />
                      {b.expiresAt ? <div className="muted small">Hết hạn: {formatDateTime(b.expiresAt)}</div> : null}
                      {b.statusReason ? <div className="muted small">Lý do: {b.statusReason}</div> : null}
                    </div>
                  </div>
                  <HandsetPreview label={b.label} name={b.displayName} callReason={b.callReason} />
                  <ReviewActions kind="brandnames" item={b} subject={`Tên định danh ${b.label}`} onDone={done} onError={failed} />
                </li>
              ))}
            </ul>
            {canEdit ? <AddBrandname orgId={id} onDone={done} onError={failed} /> : null}
          </section>

          <NumbersSection
            orgId={id}
            brandnames={brandnames.data ?? []}
            canEdit={canEdit}
            tick={numbersTick}
            onDone={done}
            onError={failed}
          />

          {canEdit ? <ImportPanel orgId={id} onImported={() => setNumbersTick((t) => t + 1)} /> : null}
        </>
      ) : null}
    </>
  );
}

function AddBrandname({ orgId, onDone, onError }: { orgId: string; onDone: (m: string) => void; onError: (e: unknown) => void }) {
  const [label, setLabel] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [callReason, setCallReason] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const b = await post<Brandname>(`/organizations/${orgId}/brandnames`, {
        label: label.trim(),
        displayName: displayName.trim(),
        ...(callReason.trim() ? { callReason: callReason.trim() } : {}),
      });
      setLabel('');
      setDisplayName('');
      setCallReason('');
      onDone(`Đã gửi tên định danh ${b.label}; chờ duyệt.`);
    } catch (err) {
      onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-labelledby="add-bn-title">
      <h3 id="add-bn-title">Thêm tên định danh</h3>
      <div className="grid-3">
        <Field label="Nhãn" hint="1–11 ký tự Latin không dấu, ví dụ: BO TTTT">
          {(id) => <input id={id} required maxLength={11} value={label} onChange={(e) => setLabel(e.target.value)} />}
        </Field>
        <Field label="Tên tiếng Việt" hint="2–32 ký tự, ví dụ: Bộ TT&TT">
          {(id) => <input id={id} required maxLength={32} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />}
        </Field>
        <Field label="Lý do cuộc gọi (không bắt buộc)">
          {(id) => <input id={id} maxLength={64} value={callReason} onChange={(e) => setCallReason(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Gửi tên định danh
      </button>
    </form>
  );
}

function NumbersSection({
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
        <table className="table">
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
              <tr key={n.id} data-testid="number-row">
                <td>
                  <strong>{formatNationalNumber(n.number)}</strong>
                  <div className="muted small mono">{n.number}</div>
                </td>
                <td>{labels.get(n.brandnameId) ?? ''}</td>
                <td>{DIRECTION_LABEL[n.direction] ?? n.direction}</td>
                <td>
                  <StatusBadge status={n.status} />
                  {n.statusReason ? <div className="muted small">Lý do: {n.statusReason}</div> : null}
                </td>
                <td>
                  <ReviewActions kind="numbers" item={n} subject={`Số ${n.number}`} onDone={onDone} onError={onError} />
                </td>
              </tr>
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
      onDone(`Đã thêm số ${n.number}; chờ duyệt.`);
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
