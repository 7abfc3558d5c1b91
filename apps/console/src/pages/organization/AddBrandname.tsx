import { useState } from 'react';
import { Field } from '../../ui';
import { useOrganizationPage } from './organization-context';
import { addBrandname } from './use-organization';
import { useFormSubmit } from '../../data';

/** A new brandname for the organization: it waits for review. */
export function AddBrandname({ orgId }: { orgId: string }) {
  const { onDone, onError } = useOrganizationPage();
  const [label, setLabel] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [callReason, setCallReason] = useState('');
  const { busy, submit } = useFormSubmit(async () => {
    const b = await addBrandname(orgId, {
      label: label.trim(),
      displayName: displayName.trim(),
      ...(callReason.trim() ? { callReason: callReason.trim() } : {}),
    });
    setLabel('');
    setDisplayName('');
    setCallReason('');
    onDone(`Đã gửi tên định danh ${b.label}; chờ duyệt.`);
  }, onError);
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
