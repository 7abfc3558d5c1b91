import type { FormEvent } from 'react';
import { Alert, Field } from '../ui';
import type { Brandname, Organization } from '../types';
import { ConflictNotice, RevisionCompare, useEditForm } from './edit-support';

const show = (_field: string, v: unknown) => (v === null || v === undefined || v === '' ? '(trống)' : String(v));

const brandnameFields = (b: Brandname) => ({ label: b.label, displayName: b.displayName, callReason: b.callReason });
const BRANDNAME_NAMES: Record<string, string> = { label: 'Nhãn', displayName: 'Tên tiếng Việt', callReason: 'Lý do cuộc gọi' };

/** A brandname's label, Vietnamese name and call reason; on a live brandname the change waits for review. */
export function EditBrandname(props: { brandname: Brandname; onSaved: (b: Brandname) => void; onCancel: () => void }) {
  const form = useEditForm(`/brandnames/${props.brandname.id}`, props.brandname, brandnameFields);
  const { draft, setDraft } = form;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await form.submit();
    if (saved) props.onSaved(saved);
  };
  return (
    <form className="card" onSubmit={submit} aria-label={`Sửa tên định danh ${props.brandname.label}`}>
      <ConflictNotice conflict={form.conflict} />
      <Alert error={form.error} />
      <RevisionCompare revision={form.base.pendingRevision ?? null} fieldNames={BRANDNAME_NAMES} show={show} />
      <div className="grid-3">
        <Field label="Nhãn mới" hint="Không dấu, tối đa 11 ký tự">
          {(id) => (
            <input id={id} required maxLength={11} value={draft.label} onChange={(e) => setDraft({ ...draft, label: e.target.value })} />
          )}
        </Field>
        <Field label="Tên tiếng Việt mới">
          {(id) => (
            <input
              id={id}
              required
              maxLength={32}
              value={draft.displayName}
              onChange={(e) => setDraft({ ...draft, displayName: e.target.value })}
            />
          )}
        </Field>
        <Field label="Lý do cuộc gọi mới" hint="Không bắt buộc">
          {(id) => (
            <input
              id={id}
              maxLength={64}
              value={draft.callReason ?? ''}
              onChange={(e) => setDraft({ ...draft, callReason: e.target.value || null })}
            />
          )}
        </Field>
      </div>
      <SaveButtons busy={form.busy} onCancel={props.onCancel} />
    </form>
  );
}

const organizationFields = (o: Organization) => ({ name: o.name });

/** An organization's legal name (regulators); on a live organization the change waits for review. */
export function EditOrganization(props: { organization: Organization; onSaved: (o: Organization) => void; onCancel: () => void }) {
  const form = useEditForm(`/organizations/${props.organization.id}`, props.organization, organizationFields);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await form.submit();
    if (saved) props.onSaved(saved);
  };
  return (
    <form className="card" onSubmit={submit} aria-label={`Sửa cơ quan ${props.organization.code}`}>
      <ConflictNotice conflict={form.conflict} />
      <Alert error={form.error} />
      <RevisionCompare
        revision={form.base.pendingRevision ?? null}
        fieldNames={{ name: 'Tên cơ quan', parentId: 'Cơ quan cấp trên' }}
        show={show}
      />
      <Field label="Tên cơ quan mới" hint="Đúng như trong quyết định thành lập">
        {(id) => (
          <input id={id} required maxLength={200} value={form.draft.name} onChange={(e) => form.setDraft({ name: e.target.value })} />
        )}
      </Field>
      <SaveButtons busy={form.busy} onCancel={props.onCancel} />
    </form>
  );
}

function SaveButtons({ busy, onCancel }: { busy: boolean; onCancel: () => void }) {
  return (
    <div className="row">
      <button type="submit" className="btn btn-primary" disabled={busy}>
        Lưu thay đổi
      </button>
      <button type="button" className="btn" onClick={onCancel}>
        Hủy
      </button>
    </div>
  );
}
