import type { Me, ProtectedNameProposal } from '../../api/types';
import { swallow } from '../../data';
import { formatDateTime } from '../../labels';
import { TableHead } from '../../table-head';
import { ReasonAction } from '../../ui';
import { VerdictButton } from '../../verdict';
import { kindsText, proposalActions, proposalTitle } from './protected-names';

type Step = 'approve' | 'reject' | 'withdraw';

/**
 * The waiting proposals: what each would do, why, who proposed it and when. Approving is the registry's four-eyes
 * verdict: a refused button stays, disabled, with the reason beside it (the console never decides it itself).
 */
export function ProposalsTable({
  me,
  proposals,
  onDecide,
}: {
  me: Me;
  proposals: ProtectedNameProposal[];
  onDecide: (p: ProtectedNameProposal, step: Step, reason?: string) => Promise<void>;
}) {
  return (
    <div className="table-wrap">
      <table className="table stack-on-phone protected-names">
        <TableHead columns={['Đề xuất', 'Nội dung', 'Lý do', 'Người đề xuất']} hiddenLast="Thao tác" />
        <tbody>
          {proposals.map((p) => (
            <tr key={p.id} data-testid="proposal">
              <td data-label="Đề xuất">
                <strong>{proposalTitle(p)}</strong>
              </td>
              <td data-label="Nội dung">
                {p.action === 'remove' ? (
                  'Gỡ khỏi danh sách: mọi cơ quan được dùng lại tên này.'
                ) : (
                  <dl className="facts">
                    <dt>Cách viết khác</dt>
                    <dd>{p.spellings.length ? p.spellings.join(', ') : '—'}</dd>
                    <dt>Loại cơ quan được dùng</dt>
                    <dd>{kindsText(p.kinds)}</dd>
                    <dt>Nguồn</dt>
                    <dd className="source">{p.source}</dd>
                  </dl>
                )}
              </td>
              <td data-label="Lý do">{p.reason}</td>
              <td data-label="Người đề xuất">
                {p.createdBy?.username ?? '—'}, {formatDateTime(p.createdAt)}
              </td>
              <td>
                <ProposalActions me={me} proposal={p} onDecide={onDecide} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ProposalActions({
  me,
  proposal: p,
  onDecide,
}: {
  me: Me;
  proposal: ProtectedNameProposal;
  onDecide: (p: ProtectedNameProposal, step: Step, reason?: string) => Promise<void>;
}) {
  const offered = proposalActions(me, p);
  if (!offered) return null;
  const subject = proposalTitle(p);
  return (
    <div className="actions">
      <VerdictButton
        verdict={p.fourEyes}
        label="Phê duyệt"
        ariaLabel={`Phê duyệt: ${subject}`}
        onClick={() => swallow(onDecide(p, 'approve'))}
      />
      {offered.reject ? <ReasonAction label="Từ chối" danger subject={subject} onSubmit={(r) => onDecide(p, 'reject', r)} /> : null}
      {offered.withdraw ? (
        <button type="button" className="btn" aria-label={`Rút đề xuất: ${subject}`} onClick={() => swallow(onDecide(p, 'withdraw'))}>
          Rút đề xuất
        </button>
      ) : null}
    </div>
  );
}
