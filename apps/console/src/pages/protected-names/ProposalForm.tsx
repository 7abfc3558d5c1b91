import { useEffect, useId, useRef } from 'react';
import type { CreateProtectedNameProposal, OrganizationKind } from '../../api/types';
import { useFormSubmit } from '../../data';
import { TextField } from '../../fields';
import { KIND_OPTIONS } from '../../labels';
import { Field } from '../../ui';
import { draftProblem, EMPTY_DRAFT, proposalBody } from './protected-names';
import type { ProposalDraft } from './protected-names';

const TITLE: Record<ProposalDraft['action'], (current: string) => string> = {
  add: () => 'Đề xuất thêm tên được bảo vệ',
  change: (current) => `Đề xuất sửa “${current}”`,
  remove: (current) => `Đề xuất gỡ “${current}”`,
};

/**
 * A proposal to add a name, change one (the form starts from the name as it stands) or remove one, with a reason.
 * Nothing changes until another regulator approves it.
 */
export function ProposalForm({
  draft,
  onChange,
  onPropose,
  onError,
}: {
  draft: ProposalDraft;
  onChange: (draft: ProposalDraft) => void;
  onPropose: (body: CreateProtectedNameProposal) => Promise<unknown>;
  onError: (err: unknown) => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const kindsId = useId();
  const set = (patch: Partial<ProposalDraft>) => onChange({ ...draft, ...patch });
  const problem = draftProblem(draft);
  const { busy, submit } = useFormSubmit(async () => {
    await onPropose(proposalBody(draft));
    onChange(EMPTY_DRAFT);
  }, onError);

  // Chosen from a row of the list: the form (further down) comes into view, its heading read first.
  useEffect(() => {
    if (draft.protectedNameId === null) return;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [draft.protectedNameId, draft.action]);

  const toggleKind = (kind: OrganizationKind, on: boolean) =>
    set({ kinds: on ? [...draft.kinds, kind].filter((k, i, all) => all.indexOf(k) === i) : draft.kinds.filter((k) => k !== kind) });

  return (
    <form className="card proposal-form" onSubmit={submit} aria-labelledby="pn-form-title">
      <h2 id="pn-form-title" ref={heading} tabIndex={-1}>
        {TITLE[draft.action](draft.current ?? '')}
      </h2>
      <p className="muted small">Danh sách chỉ thay đổi khi một cán bộ quản lý khác phê duyệt đề xuất này.</p>
      {draft.action !== 'remove' ? (
        <>
          <div className="grid-3">
            <TextField
              label="Tên"
              hint="Đúng như người nghe đọc, có dấu: ví dụ Cảnh sát giao thông"
              required
              maxLength={64}
              value={draft.term}
              onChange={(term) => set({ term })}
            />
            <Field label="Cách viết khác" hint="Chữ viết tắt và cách viết thường gặp, mỗi dòng một cách (hoặc cách nhau bằng dấu phẩy)">
              {(id) => (
                <textarea
                  id={id}
                  aria-describedby={`${id}-hint`}
                  rows={3}
                  value={draft.spellings}
                  onChange={(e) => set({ spellings: e.target.value })}
                />
              )}
            </Field>
          </div>
          <fieldset className="kind-choices" aria-describedby={`${kindsId}-hint`}>
            <legend>Loại cơ quan được dùng tên này</legend>
            <small className="muted" id={`${kindsId}-hint`}>
              Cơ quan thuộc loại khác sẽ bị từ chối khi dùng tên này trong nhãn, tên hiển thị hoặc lý do cuộc gọi.
            </small>
            <div className="kind-grid">
              {Object.entries(KIND_OPTIONS).map(([kind, text]) => (
                <label key={kind} className="check">
                  <input
                    type="checkbox"
                    checked={draft.kinds.includes(kind as OrganizationKind)}
                    onChange={(e) => toggleKind(kind as OrganizationKind, e.target.checked)}
                  />
                  {text}
                </label>
              ))}
            </div>
          </fieldset>
          <TextField
            label="Nguồn"
            hint="Văn bản pháp luật (số, điều) hoặc địa chỉ trang chính thức"
            required
            maxLength={500}
            value={draft.source}
            onChange={(source) => set({ source })}
          />
        </>
      ) : (
        <p>Sau khi được phê duyệt, mọi cơ quan đều được dùng lại tên này.</p>
      )}
      <Field label="Lý do đề xuất">
        {(id) => (
          <textarea id={id} required rows={2} maxLength={1000} value={draft.reason} onChange={(e) => set({ reason: e.target.value })} />
        )}
      </Field>
      {problem ? <p className="muted small">{problem}</p> : null}
      <div className="row wrap">
        <button type="submit" className="btn btn-primary" disabled={busy || problem !== null}>
          Gửi đề xuất
        </button>
        {draft.action !== 'add' ? (
          <button type="button" className="btn" onClick={() => onChange(EMPTY_DRAFT)}>
            Hủy, đề xuất thêm tên mới
          </button>
        ) : null}
      </div>
    </form>
  );
}
