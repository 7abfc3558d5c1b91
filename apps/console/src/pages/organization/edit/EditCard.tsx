import type { FormEvent, ReactNode } from 'react';
import { Alert } from '../../../ui';
import { ConflictNotice, plainValue, RevisionCompare } from './EditNotices';

/** What an edit form (useEditForm) gives its card. */
export interface EditState<T> {
  base: { pendingRevision?: { changes: Record<string, unknown>; previous: Record<string, unknown> } | null };
  conflict: { before: Record<string, unknown>; fresh: Record<string, unknown> } | null;
  error: unknown;
  busy: boolean;
  submit: () => Promise<T | null>;
}

/** An edit form around its fields: what someone else saved, the refusal, the pending revision, save and cancel. */
export function EditCard<T>(props: {
  label: string;
  className?: string;
  form: EditState<T>;
  fieldNames: Record<string, string>;
  show?: (field: string, value: unknown) => string;
  /** Under the pending revision (a number's narrowing of origins). */
  note?: ReactNode;
  onSaved: (saved: T) => void;
  onCancel: () => void;
  children: ReactNode;
}) {
  const { form } = props;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const saved = await form.submit();
    if (saved) props.onSaved(saved);
  };
  return (
    <form className={props.className ?? 'card'} onSubmit={submit} aria-label={props.label}>
      <ConflictNotice conflict={form.conflict} />
      <Alert error={form.error} />
      <RevisionCompare revision={form.base.pendingRevision ?? null} fieldNames={props.fieldNames} show={props.show ?? plainValue} />
      {props.note}
      {props.children}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={form.busy}>
          Lưu thay đổi
        </button>
        <button type="button" className="btn" onClick={props.onCancel}>
          Hủy
        </button>
      </div>
    </form>
  );
}
