import { useState } from 'react';
import type { FormEvent } from 'react';
import { DOCUMENT_KIND_LABEL } from '../../onboarding-text';
import { Field, SelectField } from '../../ui';

/** A document for the application (a decision, a carrier contract, another), as multipart form data. */
export function UploadDocument({ onUpload }: { onUpload: (form: FormData) => Promise<unknown> }) {
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
