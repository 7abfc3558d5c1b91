import { formatNationalNumber } from '@app/domain/phone-number';
import type { CallerNumber } from '../../../api/types';
import { useLoad } from '../../../data';
import { VietnamTimeField } from '../../../fields';
import { DIRECTION_LABEL } from '../../../labels';
import { narrowingText } from '../../../review-text';
import { Field, SelectField } from '../../../ui';
import { useEditForm } from '../edit/edit-form';
import { EditCard } from '../edit/EditCard';
import { NUMBER_FIELD_NAMES, numberValueText } from './number-text';
import { carrierDirectory, numberEdits } from './use-numbers';
import type { NumberFields } from './use-numbers';

const editable = (n: CallerNumber): NumberFields => ({
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
  const carriers = useLoad(carrierDirectory, []);
  const form = useEditForm(numberEdits(props.number.id), props.number, editable);
  const { base, draft, setDraft } = form;

  const toggle = (code: string, on: boolean) =>
    setDraft((d) => ({ ...d, allowedOrigins: (on ? [...d.allowedOrigins, code] : d.allowedOrigins.filter((c) => c !== code)).sort() }));

  const narrowing = base.pendingRevision ? narrowingText(base.allowedOrigins, base.pendingRevision.changes) : null;
  const codes = new Set([...(carriers.data ?? []).map((c) => c.code), ...draft.allowedOrigins]);
  return (
    <EditCard
      className="card edit-number"
      label={`Sửa số ${formatNationalNumber(props.number.number)}`}
      form={form}
      fieldNames={NUMBER_FIELD_NAMES}
      show={numberValueText}
      note={narrowing ? <p className="narrowing">{narrowing}</p> : null}
      onSaved={props.onSaved}
      onCancel={props.onCancel}
    >
      <SelectField
        label="Chiều gọi"
        value={draft.direction}
        options={DIRECTION_LABEL}
        onChange={(direction) => setDraft({ ...draft, direction: direction as CallerNumber['direction'] })}
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
        <VietnamTimeField
          label="Hiệu lực từ"
          hint="Giờ Việt Nam; để trống: ngay khi được duyệt"
          value={draft.validFrom}
          onChange={(validFrom) => setDraft({ ...draft, validFrom })}
        />
        <VietnamTimeField
          label="Hiệu lực đến"
          hint="Giờ Việt Nam; để trống: không giới hạn"
          value={draft.validTo}
          onChange={(validTo) => setDraft({ ...draft, validTo })}
        />
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
    </EditCard>
  );
}
