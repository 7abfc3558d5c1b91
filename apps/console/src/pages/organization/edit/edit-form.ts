import { useEffect, useState } from 'react';
import { ApiError } from '../../../api/errors';

/** How an edit form reads its item again and saves changes with the version it read. */
export interface EditEndpoint<T, F> {
  read: () => Promise<T>;
  save: (version: number, changes: Partial<F>) => Promise<T>;
}

/**
 * Saving an edit with the version that was read. On 409 VERSION_CONFLICT the item is read again and handed back
 * as `fresh`, so the form can show what the other person saved and start again from it.
 */
function useVersionedSave<T, F>(endpoint: EditEndpoint<T, F>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [fresh, setFresh] = useState<T | null>(null);
  const save = async (version: number, changes: Partial<F>): Promise<T | null> => {
    setBusy(true);
    setError(undefined);
    setFresh(null);
    try {
      return await endpoint.save(version, changes);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.code === 'VERSION_CONFLICT') setFresh(await endpoint.read().catch(() => null));
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
  endpoint: EditEndpoint<T, F>,
  item: T,
  editable: (t: T) => F,
) {
  const [base, setBase] = useState(item);
  const [draft, setDraft] = useState(() => editable(item));
  const [conflictFrom, setConflictFrom] = useState<F | null>(null);
  const { save, busy, error, fresh } = useVersionedSave(endpoint);
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
export function changedFields<F extends Record<string, unknown>>(before: F, after: F): Partial<F> {
  return Object.fromEntries(
    Object.entries(after).filter(([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before[k] ?? null)),
  ) as Partial<F>;
}
