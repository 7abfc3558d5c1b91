import { formatNationalNumber } from '@app/domain/phone-number';
import type { CallerNumber } from '../../../api/types';
import { DIRECTION_LABEL } from '../../../labels';
import { StatusBadge } from '../../../ui';
import { ReviewActions } from '../review/ReviewActions';
import { termsText } from './number-text';
import { PendingChanges } from './PendingChanges';
import { useOrganizationPage } from '../organization-context';

const FINAL = new Set<CallerNumber['status']>(['revoked', 'rejected', 'merged']);

/** One number: its national and E.164 forms, terms, pending revision, brandname, direction, status and actions. */
export function NumberRow({
  number: n,
  labels,
  editing,
  onToggleEdit,
}: {
  number: CallerNumber;
  labels: Map<string, string>;
  editing: boolean;
  onToggleEdit: () => void;
}) {
  const { canEdit, onDone, onError } = useOrganizationPage();
  const national = formatNationalNumber(n.number);
  return (
    <tr data-testid="number-row">
      <td data-label="Số">
        <strong>{national}</strong>
        <div className="muted small mono">{n.number}</div>
        <div className="muted small" data-testid="number-terms">
          {termsText(n)}
        </div>
        {n.pendingRevision ? <PendingChanges number={n} labels={labels} /> : null}
      </td>
      <td data-label="Nhãn">{labels.get(n.brandnameId) ?? ''}</td>
      <td data-label="Chiều gọi">{DIRECTION_LABEL[n.direction] ?? n.direction}</td>
      <td data-label="Trạng thái">
        <StatusBadge status={n.status} />
        {n.statusReason ? <div className="muted small">Lý do: {n.statusReason}</div> : null}
      </td>
      <td data-label="Thao tác">
        <ReviewActions kind="numbers" item={n} subject={`Số ${national}`} onDone={onDone} onError={onError} />
        {canEdit && !FINAL.has(n.status) ? (
          <button type="button" className="btn" aria-expanded={editing} onClick={onToggleEdit}>
            Sửa: Số {national}
          </button>
        ) : null}
      </td>
    </tr>
  );
}
