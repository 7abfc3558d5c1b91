import { useState } from 'react';
import type { FormEvent } from 'react';
import { ENTITY_LABEL } from '../../labels';
import { useSession } from '../../session-context';
import { Field, SelectField } from '../../ui';
import { EMPTY } from './use-audit';
import type { Filters } from './use-audit';

/**
 * The filters being typed, applied on "Lọc": the kind of item, who acted (a regulator picks a name, anyone else
 * types an id) and the time range in Vietnam time.
 */
export function AuditFilters({ onApply }: { onApply: (filters: Filters) => void }) {
  const { usernames, me } = useSession();
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft });
  };
  return (
    <form className="card filters" onSubmit={apply} aria-label="Lọc nhật ký">
      <SelectField
        label="Loại đối tượng"
        value={draft.entityType}
        options={ENTITY_LABEL}
        anyLabel="Tất cả"
        onChange={(entityType) => setDraft({ ...draft, entityType })}
      />
      <Field label="Người thực hiện">
        {(id) =>
          me.role === 'regulator' ? (
            <select id={id} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}>
              <option value="">Tất cả</option>
              {[...usernames.entries()].map(([uid, name]) => (
                <option key={uid} value={uid}>
                  {name}
                </option>
              ))}
            </select>
          ) : (
            <input
              id={id}
              placeholder="Mã người dùng (UUID)"
              value={draft.actorId}
              onChange={(e) => setDraft({ ...draft, actorId: e.target.value.trim() })}
            />
          )
        }
      </Field>
      <Field label="Từ">
        {(id) => <input id={id} type="datetime-local" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} />}
      </Field>
      <Field label="Đến">
        {(id) => <input id={id} type="datetime-local" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />}
      </Field>
      <div className="row">
        <button type="submit" className="btn btn-primary">
          Lọc
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => {
            setDraft(EMPTY);
            onApply(EMPTY);
          }}
        >
          Xóa bộ lọc
        </button>
      </div>
    </form>
  );
}
