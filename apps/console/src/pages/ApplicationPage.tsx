import { formatNationalNumber } from '../../../../libs/domain/src/phone-number';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { ApiError, download, get, patch, post, upload } from '../api';
import { formatDateTime } from '../labels';
import {
  APPLICATION_STATUS_LABEL,
  CHECKLIST_LABEL,
  DOCUMENT_KIND_LABEL,
  fieldText,
  HOLDING_SOURCE_LABEL,
  HOLDING_STATUS_LABEL,
  parseNumberLines,
  PROBLEM_TEXT,
} from '../onboarding-text';
import { useSession } from '../session-context';
import { Field, ReasonAction, SelectField, StatusBadge, useLoad } from '../ui';
import { VerdictButton } from '../verdict';
import type { Application } from '../types';

/** Messages for this page: the Vietnamese text of the refusal's code (and of each field problem). */
function refusal(err: unknown): string {
  if (!(err instanceof ApiError)) return 'Không kết nối được tới máy chủ.';
  const own = PROBLEM_TEXT[err.code] ?? 'Máy chủ từ chối thao tác này.';
  const each = err.fields.map((f) => `${fieldText(f.field)}: ${PROBLEM_TEXT[f.code ?? ''] ?? f.message}`);
  return [own, ...each].join(' ');
}

/** One application: what it asks for, each number's carrier confirmation, documents, the checklist and decisions. */
export function ApplicationPage({ id }: { id: string }) {
  const { me } = useSession();
  const app = useLoad(() => get<Application>(`/applications/${id}`), [id]);
  const [error, setError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const run = async (done: string, action: () => Promise<unknown>) => {
    try {
      await action();
      setError(null);
      setSuccess(done);
      app.reload();
    } catch (err) {
      setSuccess(null);
      setError(refusal(err));
      throw err;
    }
  };
  const a = app.data;
  if (!a) return <p>{app.error ? refusal(app.error) : 'Đang tải…'}</p>;
  const regulator = me.role === 'regulator';
  const applicant = me.id === a.applicant.id;
  const open = a.status === 'submitted' || a.status === 'changes_requested';

  return (
    <section aria-labelledby="app-title">
      <h1 id="app-title">Hồ sơ của {a.organization.name}</h1>
      <div role="alert" className={error ? 'alert alert-error' : 'visually-hidden'}>
        {error ?? ''}
      </div>
      <div role="status" className={success ? 'alert alert-success' : 'visually-hidden'}>
        {success ?? ''}
      </div>
      <dl className="facts">
        <dt>Trạng thái</dt>
        <dd data-testid="application-status">{APPLICATION_STATUS_LABEL[a.status] ?? a.status}</dd>
        {a.statusReason ? (
          <>
            <dt>Ghi chú của Bộ</dt>
            <dd>{a.statusReason}</dd>
          </>
        ) : null}
        <dt>Mã cơ quan</dt>
        <dd>{a.organization.code}</dd>
        <dt>Nhãn / tên hiển thị</dt>
        <dd>
          {a.brandname.label} / {a.brandname.displayName} <StatusBadge status={a.brandname.status} />
        </dd>
        <dt>Người nộp</dt>
        <dd>
          {a.applicant.fullName} ({a.applicant.username}, {a.applicant.email}, {a.applicant.phone})
        </dd>
        <dt>Nộp lúc</dt>
        <dd>{formatDateTime(a.submittedAt)}</dd>
      </dl>

      <h2>Số điện thoại và xác nhận của nhà mạng</h2>
      <div className="table-wrap">
        <table className="table" data-testid="application-numbers">
          <thead>
            <tr>
              <th scope="col">Số</th>
              <th scope="col">Nhà mạng</th>
              <th scope="col">Xác nhận</th>
              <th scope="col">Trạng thái số</th>
            </tr>
          </thead>
          <tbody>
            {a.numbers.map((n) => (
              <tr key={n.id}>
                <td>{formatNationalNumber(n.number)}</td>
                <td>{n.holding?.carrier ?? '—'}</td>
                <td>
                  {n.holding ? HOLDING_STATUS_LABEL[n.holding.status] : '—'}
                  {n.holding?.source ? <small className="muted"> ({HOLDING_SOURCE_LABEL[n.holding.source]})</small> : null}
                  {n.holding?.reason ? <small className="muted"> — {n.holding.reason}</small> : null}
                </td>
                <td>
                  <StatusBadge status={n.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Tài liệu</h2>
      {a.documents.length === 0 ? <p className="empty">Chưa có tài liệu nào.</p> : null}
      <ul>
        {a.documents.map((d) => (
          <li key={d.id}>
            {DOCUMENT_KIND_LABEL[d.kind] ?? d.kind}: {d.filename} ({Math.ceil(d.sizeBytes / 1024)} KB, {formatDateTime(d.uploadedAt)}){' '}
            {regulator || applicant ? (
              <button type="button" className="btn btn-light" onClick={() => openDocument(a.id, d.id)}>
                Mở
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {open && (regulator || applicant) ? (
        <UploadDocument onUpload={(form) => run('Đã tải tài liệu lên.', () => upload(`/applications/${a.id}/documents`, form))} />
      ) : null}

      {regulator ? (
        <>
          <h2>Danh mục thẩm định</h2>
          <ul className="checklist">
            {a.checklist.map((c) => (
              <li key={c.item}>
                <label>
                  <input
                    type="checkbox"
                    checked={c.checked}
                    disabled={a.status !== 'submitted'}
                    onChange={(e) =>
                      run('Đã ghi nhận.', () => post(`/applications/${a.id}/checklist`, { item: c.item, checked: e.target.checked })).catch(
                        () => undefined,
                      )
                    }
                  />{' '}
                  {CHECKLIST_LABEL[c.item] ?? c.item}
                </label>
                {c.at && c.by ? <small className="muted"> ({formatDateTime(c.at)})</small> : null}
              </li>
            ))}
          </ul>
          {a.status === 'submitted' ? (
            <div className="row">
              <VerdictButton
                verdict={a.fourEyes}
                label="Phê duyệt hồ sơ"
                ariaLabel="Phê duyệt hồ sơ"
                onClick={() => void run('Đã phê duyệt hồ sơ.', () => post(`/applications/${a.id}/approve`)).catch(() => undefined)}
              />
              <ReasonAction
                label="Yêu cầu bổ sung"
                subject={a.organization.code}
                onSubmit={(reason) => run('Đã gửi yêu cầu bổ sung.', () => post(`/applications/${a.id}/request-changes`, { reason }))}
              />
            </div>
          ) : null}
          {open ? (
            <ReasonAction
              label="Từ chối"
              danger
              subject={a.organization.code}
              onSubmit={(reason) => run('Đã từ chối hồ sơ.', () => post(`/applications/${a.id}/reject`, { reason }))}
            />
          ) : null}
        </>
      ) : null}

      {me.role === 'agency_admin' && a.status === 'changes_requested' ? (
        <Resubmit
          application={a}
          onSave={(numbers) => run('Đã lưu thay đổi.', () => patch(`/applications/${a.id}`, { version: a.version, numbers }))}
          onSubmit={() => run('Đã nộp lại hồ sơ.', () => post(`/applications/${a.id}/submit`))}
        />
      ) : null}
    </section>
  );
}

async function openDocument(applicationId: string, docId: string): Promise<void> {
  const blob = await download(`/applications/${applicationId}/documents/${docId}`);
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function UploadDocument({ onUpload }: { onUpload: (form: FormData) => Promise<unknown> }) {
  const [kind, setKind] = useState('decision');
  const [file, setFile] = useState<File | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    const form = new FormData();
    form.append('kind', kind);
    form.append('file', file, file.name);
    await onUpload(form).catch(() => undefined);
  };
  const kinds = {
    decision: DOCUMENT_KIND_LABEL.decision,
    carrier_contract: DOCUMENT_KIND_LABEL.carrier_contract,
    other: DOCUMENT_KIND_LABEL.other,
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Tải tài liệu lên">
      <SelectField label="Loại tài liệu" value={kind} options={kinds} onChange={setKind} />
      <Field label="Tệp (PDF, PNG hoặc JPEG, tối đa 10 MB)">
        {(id) => (
          <input
            id={id}
            type="file"
            accept="application/pdf,image/png,image/jpeg"
            required
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <button type="submit" className="btn">
        Tải lên
      </button>
    </form>
  );
}

function Resubmit({
  application,
  onSave,
  onSubmit,
}: {
  application: Application;
  onSave: (numbers: Array<{ number: string; holdingCarrier: string }>) => Promise<unknown>;
  onSubmit: () => Promise<unknown>;
}) {
  const [text, setText] = useState(application.numbers.map((n) => `${n.number}, ${n.holding?.carrier ?? ''}`).join('\n'));
  return (
    <div className="card">
      <h2>Sửa và nộp lại</h2>
      <Field label="Số điện thoại (mỗi dòng: số, mã nhà mạng)">
        {(id) => <textarea id={id} rows={5} value={text} onChange={(e) => setText(e.target.value)} />}
      </Field>
      <div className="row">
        <button type="button" className="btn" onClick={() => onSave(parseNumberLines(text)).catch(() => undefined)}>
          Lưu danh sách số
        </button>
        <button type="button" className="btn btn-primary" onClick={() => onSubmit().catch(() => undefined)}>
          Nộp lại hồ sơ
        </button>
      </div>
    </div>
  );
}
