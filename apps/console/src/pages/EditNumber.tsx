import type { FormEvent } from 'react';
import { get } from '../api';
import { formatNationalNumber } from '../../../../libs/domain/src/phone-number';
import { narrowingText, originsText } from '../review-text';
import { DIRECTION_LABEL, formatDateTime, isoToVietnamLocal, vietnamLocalToIso } from '../labels';
import { Alert, Field, SelectField, useLoad } from '../ui';
import type { CallerNumber } from '../types';
import { ConflictNotice, RevisionCompare, useEditForm } from './edit-support';

interface CarrierEntry {
  code: string;
  name: string;
  status: string;
}

export const NUMBER_FIELD_NAMES: Record<string, string> = {
  direction: 'Chiều gọi',
  allowedOrigins: 'Nhà mạng được phép',
  validFrom: 'Hiệu lực từ',
  validTo: 'Hiệu lực đến',
  evidence: 'Căn cứ',
  brandnameId: 'Tên định danh',
};

export function numberValueText(field: string, v: unknown): string {
  if (field === 'allowedOrigins') return originsText(v as string[] | undefined);
  if (field === 'direction') return DIRECTION_LABEL[String(v)] ?? String(v);
  if (field === 'validFrom' || field === 'validTo') return v ? formatDateTime(String(v)) : '(không giới hạn)';
  return v === null || v === undefined || v === '' ? '(trống)' : String(v);
}

const editable = (n: CallerNumber) => ({
  direction: n.direction,
  allowedOrigins: [...n.allowedOrigins].sort(),
  validFrom: n.validFrom,
  validTo: n.validTo,
  evidence: n.evidence,
});

/**
 * A number's direction, allowed origins (the carriers that may present it), validity window and evidence.
 * Sends the version read; which changes apply at once and which wait for a second person is the registry's
 * review policy (any change of the allowed origins becomes a pending revision shown beside the live values; while a
 * narrowing waits, calls from the removed carriers are answered without a name, not declined).
 */
export function EditNumber(props: { number: CallerNumber; onSaved: (n: CallerNumber) => void; onCancel: () => void }) {
  const carriers = useLoad(() => get<CarrierEntry[]>('/carriers/directory'), []);
  const { base, draft, setDraft, busy, submit: save, error, conflict } = useEditForm(`/numbers/${props.number.id}`, props.number, editable);

  const toggle = (code: string, on: boolean) =>
    setDraft((d) => ({ ...d, allowedOrigins: (on ? [...d.allowedOrigins, code] : d.allowedOrigins.filter((c) => c !== code)).sort() }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await save();
    if (saved) props.onSaved(saved);
  };

  const narrowing = base.pendingRevision ? narrowingText(base.allowedOrigins, base.pendingRevision.changes) : null;
  const codes = new Set([...(carriers.data ?? []).map((c) => c.code), ...draft.allowedOrigins]);
  return (
    <form className="card edit-number" onSubmit={submit} aria-label={`Sửa số ${formatNationalNumber(props.number.number)}`}>
      <ConflictNotice conflict={conflict} />
      <Alert error={error} />
      <RevisionCompare revision={base.pendingRevision ?? null} fieldNames={NUMBER_FIELD_NAMES} show={numberValueText} />
      {narrowing ? <p className="narrowing">{narrowing}</p> : null}
      <SelectField
        label="Chiều gọi"
        value={draft.direction}
        options={DIRECTION_LABEL}
        onChange={(direction) => setDraft({ ...draft, direction })}
      />
      <fieldset>
        <legend>Nhà mạng được phép đưa số này lên cuộc gọi</legend>
        <p className="muted small">
          Không chọn nhà mạng nào: mọi nhà mạng trong nước. Thêm hay bớt nhà mạng đều chờ một cán bộ khác duyệt; trong lúc chờ, cuộc gọi qua
          nhà mạng bị bớt hiển thị không có tên (không bị chặn).
        </p>
        {[...codes].sort().map((code) => (
          <label key={code} className="check">
            <input type="checkbox" checked={draft.allowedOrigins.includes(code)} onChange={(e) => toggle(code, e.target.checked)} /> {code}
          </label>
        ))}
      </fieldset>
      <div className="grid-3">
        <Field label="Hiệu lực từ" hint="Giờ Việt Nam; để trống: ngay khi được duyệt">
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={isoToVietnamLocal(draft.validFrom)}
              onChange={(e) => setDraft({ ...draft, validFrom: vietnamLocalToIso(e.target.value) ?? null })}
            />
          )}
        </Field>
        <Field label="Hiệu lực đến" hint="Giờ Việt Nam; để trống: không giới hạn">
          {(id) => (
            <input
              id={id}
              type="datetime-local"
              value={isoToVietnamLocal(draft.validTo)}
              onChange={(e) => setDraft({ ...draft, validTo: vietnamLocalToIso(e.target.value) ?? null })}
            />
          )}
        </Field>
      </div>
      <Field label="Căn cứ" hint="Văn bản giao số, hợp đồng với nhà mạng, ...">
        {(id) => (
          <textarea
            id={id}
            maxLength={2000}
            rows={2}
            value={draft.evidence ?? ''}
            onChange={(e) => setDraft({ ...draft, evidence: e.target.value || null })}
          />
        )}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          Lưu thay đổi
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
