import { useState } from 'react';
import { formatNationalNumber } from '@app/domain/phone-number';
import type { Brandname, CallerNumber } from '../../../api/types';
import { DIRECTION_LABEL } from '../../../labels';
import { Field, SelectField } from '../../../ui';
import { useOrganizationPage } from '../organization-context';
import { addNumber } from './use-numbers';
import { useFormSubmit } from '../../../data';

/** A new number under one of the organization's usable brandnames: it waits for review. */
export function AddNumber({ orgId, brandnames }: { orgId: string; brandnames: Brandname[] }) {
  const { onDone, onError } = useOrganizationPage();
  const [number, setNumber] = useState('');
  const [brandnameId, setBrandnameId] = useState('');
  const [direction, setDirection] = useState<CallerNumber['direction']>('outbound');
  const usable = brandnames.filter((b) => b.status !== 'revoked' && b.status !== 'rejected');
  const chosen = brandnameId || usable[0]?.id || '';
  const { busy, submit } = useFormSubmit(async () => {
    const n = await addNumber(orgId, { number: number.trim(), brandnameId: chosen, direction });
    setNumber('');
    onDone(`Đã thêm số ${formatNationalNumber(n.number)}; chờ duyệt.`);
  }, onError);
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
        <SelectField
          label="Chiều gọi"
          value={direction}
          options={DIRECTION_LABEL}
          onChange={(v) => setDirection(v as CallerNumber['direction'])}
        />
      </div>
      <button type="submit" className="btn btn-primary" disabled={busy || usable.length === 0}>
        Thêm số
      </button>
    </form>
  );
}
