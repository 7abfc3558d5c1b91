import { useEffect, useState } from 'react';
import { ApiError, get, patch } from '../api';
import { auditChangeText } from '../../../../libs/domain/src/audit-text';

/**
 * Saving an edit with the version that was read. On 409 VERSION_CONFLICT the item is read again and handed to
 * `onConflict`, so the form can show what the other person saved and start again from it.
 */
export function useVersionedSave<T extends { version: number }>(path: string) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fresh, setFresh] = useState<T | null>(null);
  const save = async (version: number, changes: Record<string, unknown>): Promise<T | null> => {
    setBusy(true);
    setError(undefined);
    setFresh(null);
    try {
      return await patch<T>(path, { version, ...changes });
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') setFresh(await get<T>(path).catch(() => null));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { save, busy, error, fresh };
}

/**
 * An edit form's state: the item as last read (its version is what a save sends), the user's draft, and after a
 * 409 the values someone else saved: the draft starts again from them and `conflict` says what they changed.
 */
export function useEditForm<T extends { version: number }, F extends Record<string, unknown>>(
  path: string,
  item: T,
  editable: (t: T) => F,
) {
  const [base, setBase] = useState(item);
  const [draft, setDraft] = useState(() => editable(item));
  const [conflictFrom, setConflictFrom] = useState<F | null>(null);
  const { save, busy, error, fresh } = useVersionedSave<T>(path);
  useEffect(() => {
    if (!fresh) return;
    setConflictFrom(editable(base));
    setBase(fresh);
    setDraft(editable(fresh));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fresh]);
  const submit = async (): Promise<T | null> => {
    setConflictFrom(null);
    return save(base.version, changedFields(editable(base), draft));
  };
  return {
    base,
    draft,
    setDraft,
    busy,
    submit,
    error: conflictFrom ? undefined : error,
    conflict: conflictFrom ? { before: conflictFrom, fresh: editable(base) } : null,
  };
}

/** Only the fields the user changed: unchanged ones are not sent (nor reviewed again). */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(after).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null)));
}

/** The values someone else saved, in words, above the form that now starts from them. */
export function ConflictNotice({ conflict }: { conflict: { before: Record<string, unknown>; fresh: Record<string, unknown> } | null }) {
  if (!conflict) return null;
  const words = auditChangeText(conflict.before, conflict.fresh);
  return (
    <div className="alert alert-warn" data-testid="conflict">
      <strong>Người khác vừa lưu mục này trước bạn.</strong> Biểu mẫu đã được nạp lại với giá trị mới nhất
      {words ? <>: {words}</> : null}. Kiểm tra rồi sửa lại nếu vẫn cần.
    </div>
  );
}

/** A live item's approved values beside its pending revision: what answers now, what would after approval. */
export function RevisionCompare(props: {
  revision: { changes: Record<string, unknown>; previous: Record<string, unknown> } | null;
  fieldNames: Record<string, string>;
  show: (field: string, value: unknown) => string;
}) {
  if (!props.revision) return null;
  const fields = Object.keys(props.revision.changes);
  return (
    <table className="table revision" data-testid="revision-compare">
      <caption>Bản sửa chờ duyệt (giá trị đang áp dụng giữ nguyên đến khi được duyệt)</caption>
      <thead>
        <tr>
          <th scope="col">Trường</th>
          <th scope="col">Đang áp dụng</th>
          <th scope="col">Chờ duyệt</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((f) => (
          <tr key={f}>
            <th scope="row">{props.fieldNames[f] ?? f}</th>
            <td>{props.show(f, props.revision!.previous[f])}</td>
            <td>{props.show(f, props.revision!.changes[f])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
