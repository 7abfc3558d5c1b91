import type { Me, ProtectedName } from '../../api/types';
import { TableHead } from '../../table-head';
import { kindsText, mayProposeOn, proposalTitle } from './protected-names';

/** The names with their spellings, the kinds that may use them, their source and any waiting proposal. */
export function NamesTable({
  me,
  names,
  onPropose,
}: {
  me: Me;
  names: ProtectedName[];
  onPropose: (action: 'change' | 'remove', name: ProtectedName) => void;
}) {
  return (
    <div className="table-wrap">
      <table className="table stack-on-phone protected-names">
        <TableHead columns={['Tên', 'Cách viết khác', 'Loại cơ quan được dùng', 'Nguồn', 'Đề xuất đang chờ']} hiddenLast="Thao tác" />
        <tbody>
          {names.map((n) => (
            <tr key={n.id} data-testid="protected-name">
              <td data-label="Tên">
                <strong>{n.term}</strong>
              </td>
              <td data-label="Cách viết khác">{n.spellings.length ? n.spellings.join(', ') : '—'}</td>
              <td data-label="Loại cơ quan được dùng">{kindsText(n.kinds)}</td>
              <td data-label="Nguồn" className="source">
                {n.source}
              </td>
              <td data-label="Đề xuất đang chờ">
                {n.pendingProposal ? `${proposalTitle(n.pendingProposal)} (${n.pendingProposal.createdBy?.username ?? '—'})` : '—'}
              </td>
              <td>
                {mayProposeOn(me, n) ? (
                  <div className="row wrap">
                    <button type="button" className="btn" aria-label={`Đề xuất sửa: ${n.term}`} onClick={() => onPropose('change', n)}>
                      Đề xuất sửa
                    </button>
                    <button
                      type="button"
                      className="btn btn-danger"
                      aria-label={`Đề xuất gỡ: ${n.term}`}
                      onClick={() => onPropose('remove', n)}
                    >
                      Đề xuất gỡ
                    </button>
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
