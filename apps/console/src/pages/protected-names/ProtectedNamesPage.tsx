import { useState } from 'react';
import type { FormEvent } from 'react';
import { useSession } from '../../session-context';
import { Alert, Field } from '../../ui';
import { NamesTable } from './NamesTable';
import { ProposalForm } from './ProposalForm';
import { ProposalsTable } from './ProposalsTable';
import { draftFor, EMPTY_DRAFT, NAME_STATUS_TEXT } from './protected-names';
import type { ProposalDraft } from './protected-names';
import { useProtectedNames } from './use-protected-names';

/**
 * Tên được bảo vệ: the state's names that only the bodies owning them may use (regulators and auditors read; a
 * regulator proposes adding, changing or removing one, and another regulator approves it).
 */
export function ProtectedNamesPage() {
  const { me } = useSession();
  const { query, setQuery, names, proposals, notice, decide, propose } = useProtectedNames();
  const [draft, setDraft] = useState<ProposalDraft>(EMPTY_DRAFT);
  const [typed, setTyped] = useState(query.q);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setQuery({ ...query, q: typed.trim() });
  };
  const pending = proposals.data ?? [];

  return (
    <section aria-labelledby="pn-title">
      <h1 id="pn-title">Tên được bảo vệ</h1>
      <p className="muted">
        Tên và chữ viết tắt của cơ quan nhà nước. Chỉ cơ quan thuộc loại được phép mới dùng được các tên này trong nhãn, tên hiển thị, tên
        không dấu và lý do cuộc gọi; nhà mạng nhận danh sách này để gỡ tên giả mạo khỏi cuộc gọi chưa đăng ký.
      </p>
      <Alert error={notice.error ?? names.error ?? proposals.error} success={notice.success} />

      <section aria-labelledby="pn-pending-title">
        <h2 id="pn-pending-title">Đề xuất chờ phê duyệt ({pending.length})</h2>
        {proposals.data && pending.length === 0 ? <p className="empty">Không có đề xuất nào đang chờ.</p> : null}
        {pending.length > 0 ? <ProposalsTable me={me} proposals={pending} onDecide={decide} /> : null}
      </section>

      <section aria-labelledby="pn-list-title">
        <h2 id="pn-list-title">Danh sách</h2>
        <form className="row wrap" role="search" aria-label="Tìm trong danh sách tên được bảo vệ" onSubmit={search}>
          <Field label="Tìm tên hoặc cách viết" hint="Không cần gõ dấu: ví dụ canh sat, CSGT">
            {(id) => (
              <input
                id={id}
                type="search"
                aria-describedby={`${id}-hint`}
                maxLength={64}
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
              />
            )}
          </Field>
          <Field label="Trạng thái">
            {(id) => (
              <select id={id} value={query.status} onChange={(e) => setQuery({ ...query, status: e.target.value as typeof query.status })}>
                {Object.entries(NAME_STATUS_TEXT).map(([k, v]) => (
                  <option key={k} value={k}>
                    {v}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button type="submit" className="btn">
            Tìm
          </button>
        </form>
        {names.data ? (
          <p className="muted small" aria-live="polite">
            {names.data.length} tên{query.q ? ` khớp với “${query.q}”` : ''}.
          </p>
        ) : null}
        {names.data && names.data.length > 0 ? (
          <NamesTable me={me} names={names.data} onPropose={(action, name) => setDraft(draftFor(action, name))} />
        ) : null}
      </section>

      {me.role === 'regulator' ? <ProposalForm draft={draft} onChange={setDraft} onPropose={propose} onError={notice.failed} /> : null}
    </section>
  );
}
