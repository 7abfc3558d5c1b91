import { useState } from 'react';
import { Field } from '../../ui';
import { createCarrier } from './use-carriers';
import { useFormSubmit } from '../../data';

/** A new carrier (regulators): its code and name. */
export function CreateCarrier({ onCreated, onError }: { onCreated: (code: string) => void; onError: (e: unknown) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const { submit } = useFormSubmit(async () => {
    const c = await createCarrier({ code: code.trim().toUpperCase(), name: name.trim() });
    setCode('');
    setName('');
    onCreated(c.code);
  }, onError);
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-carrier-title">
      <h2 id="new-carrier-title">Thêm nhà mạng</h2>
      <div className="grid-3">
        <Field label="Mã nhà mạng" hint="Ví dụ: VIETTEL">
          {(id) => <input id={id} required pattern="[A-Za-z][A-Za-z0-9_]{1,31}" value={code} onChange={(e) => setCode(e.target.value)} />}
        </Field>
        <Field label="Tên nhà mạng">
          {(id) => <input id={id} required minLength={2} maxLength={255} value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      <button type="submit" className="btn btn-primary">
        Thêm nhà mạng
      </button>
    </form>
  );
}
