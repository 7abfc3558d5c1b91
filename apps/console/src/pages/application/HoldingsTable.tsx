import { formatNationalNumber } from '@app/domain/phone-number';
import type { Application } from '../../api/types';
import { HOLDING_SOURCE_LABEL, HOLDING_STATUS_LABEL } from '../../onboarding-text';
import { StatusBadge } from '../../ui';
import { TableHead } from '../../table-head';

/** Each number of the application, its holding carrier and whether that carrier confirmed it. */
export function HoldingsTable({ numbers }: { numbers: Application['numbers'] }) {
  return (
    <div className="table-wrap">
      <table className="table" data-testid="application-numbers">
        <TableHead columns={['Số', 'Nhà mạng', 'Xác nhận', 'Trạng thái số']} />
        <tbody>
          {numbers.map((n) => (
            <tr key={n.id}>
              <td>{formatNationalNumber(n.number)}</td>
              <td>{n.holding?.carrier ?? '—'}</td>
              <td>
                {n.holding ? HOLDING_STATUS_LABEL[n.holding.status] : '—'}
                {n.holding?.source ? <small className="muted"> ({HOLDING_SOURCE_LABEL[n.holding.source]})</small> : null}
                {n.holding?.reason ? <small className="muted"> — {n.holding.reason}</small> : null}
              </td>
              <td>
                <StatusBadge status={n.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
