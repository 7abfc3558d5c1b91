import { useState } from 'react';
import type { Application } from '../../api/types';
import { parseNumberLines } from '../../onboarding-text';
import { Field } from '../../ui';

/** The agency admin's changes asked for: the numbers again (one per line, with the carrier), then resubmission. */
export function Resubmit({
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
