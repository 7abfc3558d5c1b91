import { useState } from 'react';
import type { CreatedInvitation, Organization } from '../../api/types';
import { KIND_OPTIONS } from '../../labels';
import { Field, SelectField } from '../../ui';
import { createInvitation } from './use-invitations';
import { useFormSubmit } from '../../data';

type OrganizationKind = Organization['kind'];

/** An invitation for an organization to apply: its code, legal name and kind. */
export function CreateInvitation({ onCreated, onError }: { onCreated: (c: CreatedInvitation) => void; onError: (e: unknown) => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [kind, setKind] = useState<OrganizationKind>('ministry');
  const { busy, submit } = useFormSubmit(async () => {
    onCreated(await createInvitation({ organizationCode: code.trim(), organizationName: name.trim(), kind }));
    setCode('');
    setName('');
  }, onError);
  return (
    <form className="card" onSubmit={submit} aria-labelledby="new-inv">
      <h2 id="new-inv">Mời một cơ quan</h2>
      <Field label="Mã cơ quan" hint="Chữ in hoa, chữ số hoặc _, ví dụ BCA">
        {(id) => <input id={id} required value={code} onChange={(e) => setCode(e.target.value)} />}
      </Field>
      <Field label="Tên pháp lý" hint="Đúng như trong quyết định thành lập">
        {(id) => <input id={id} required value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <SelectField label="Loại cơ quan" value={kind} options={KIND_OPTIONS} onChange={(k) => setKind(k as OrganizationKind)} />
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Tạo lời mời
      </button>
    </form>
  );
}
