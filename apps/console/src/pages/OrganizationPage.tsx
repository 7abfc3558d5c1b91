import { lazy, Suspense, useState } from 'react';
import type { FormEvent } from 'react';
import { get, post } from '../api';
import { KIND_LABEL, formatDateTime } from '../labels';
import { useSession, useUserName } from '../session-context';
import { Alert, Field, Link, StatusBadge, useLoad } from '../ui';
import type { Brandname, Organization } from '../types';
import { ReviewActions } from './ReviewActions';
import { ImportPanel } from './ImportPanel';
import { HandsetPreview } from './HandsetPreview';
import { NumbersSection } from './NumbersSection';
import { EditBrandname, EditOrganization } from './EditProfile';
import { RevisionCompare } from './edit-support';

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
  const [editing, setEditing] = useState<string | null>(null);
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
        <RevisionCompare
          revision={o.pendingRevision ?? null}
          fieldNames={{ name: 'Tên cơ quan', parentId: 'Cơ quan cấp trên' }}
          show={(_f, v) => (v === null || v === undefined || v === '' ? '(trống)' : String(v))}
        />
        <ReviewActions kind="organizations" item={o} subject={`Cơ quan ${o.code}`} onDone={done} onError={failed} />
        {me.role === 'regulator' && (o.status === 'pending' || o.status === 'active' || o.status === 'suspended') ? (
          editing === o.id ? (
            <EditOrganization
              organization={o}
              onCancel={() => setEditing(null)}
              onSaved={(saved) => {
                setEditing(null);
                done(
                  saved.pendingRevision ? `Đã gửi bản sửa cơ quan ${saved.code}; chờ cán bộ khác duyệt.` : `Đã lưu cơ quan ${saved.code}.`,
                );
              }}
            />
          ) : (
            <button type="button" className="btn" onClick={() => setEditing(o.id)}>
              Sửa: Cơ quan {o.code}
            </button>
          )
        ) : null}
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
                  <HandsetPreview label={b.label} name={b.displayName} callReason={b.callReason} status={b.status} />
                  <RevisionCompare
                    revision={b.pendingRevision ?? null}
                    fieldNames={{ label: 'Nhãn', displayName: 'Tên tiếng Việt', callReason: 'Lý do cuộc gọi' }}
                    show={(_f, v) => (v === null || v === undefined || v === '' ? '(trống)' : String(v))}
                  />
                  <ReviewActions kind="brandnames" item={b} subject={`Tên định danh ${b.label}`} onDone={done} onError={failed} />
                  {canEdit && (b.status === 'pending' || b.status === 'active' || b.status === 'suspended') ? (
                    editing === b.id ? (
                      <EditBrandname
                        brandname={b}
                        onCancel={() => setEditing(null)}
                        onSaved={(saved) => {
                          setEditing(null);
                          done(
                            saved.pendingRevision
                              ? `Đã gửi bản sửa tên định danh ${saved.label}; chờ cán bộ khác duyệt, tên cũ vẫn hiển thị đến khi được duyệt.`
                              : `Đã lưu tên định danh ${saved.label}.`,
                          );
                        }}
                      />
                    ) : (
                      <button type="button" className="btn" onClick={() => setEditing(b.id)}>
                        Sửa: Tên định danh {b.label}
                      </button>
                    )
                  ) : null}
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
