import type { Brandname } from '../../api/types';
import { formatDateTime } from '../../labels';
import { StatusBadge } from '../../ui';
import { plainValue, RevisionCompare } from './edit/EditNotices';
import { EditBrandname } from './EditProfile';
import { HandsetPreview } from './HandsetPreview';
import { useOrganizationPage } from './organization-context';
import { EditToggle } from './edit/EditToggle';
import { ReviewActions } from './review/ReviewActions';

const EDITABLE = new Set<Brandname['status']>(['pending', 'active', 'suspended']);

const savedText = (saved: Brandname) =>
  saved.pendingRevision
    ? `Đã gửi bản sửa tên định danh ${saved.label}; chờ cán bộ khác duyệt, tên cũ vẫn hiển thị đến khi được duyệt.`
    : `Đã lưu tên định danh ${saved.label}.`;

/** One brandname: its names and status, how handsets show it, its pending revision, review actions and edit form. */
export function BrandnameCard({ brandname: b }: { brandname: Brandname }) {
  const { canEdit, onDone, onError } = useOrganizationPage();
  return (
    <li className="card brandname" data-testid="brandname">
      <div className="brandname-names">
        <div>
          <div className="muted small">Nhãn (mọi máy)</div>
          <div className="bn-label">{b.label}</div>
        </div>
        <div>
          <div className="muted small">Tên tiếng Việt</div>
          <div className="bn-name">{b.displayName}</div>
        </div>
        <div>
          <StatusBadge status={b.status} />
          {b.expiresAt ? <div className="muted small">Hết hạn: {formatDateTime(b.expiresAt)}</div> : null}
          {b.statusReason ? <div className="muted small">Lý do: {b.statusReason}</div> : null}
        </div>
      </div>
      <HandsetPreview label={b.label} name={b.displayName} callReason={b.callReason} status={b.status} />
      <RevisionCompare
        revision={b.pendingRevision ?? null}
        fieldNames={{ label: 'Nhãn', displayName: 'Tên tiếng Việt', callReason: 'Lý do cuộc gọi' }}
        show={plainValue}
      />
      <ReviewActions kind="brandnames" item={b} subject={`Tên định danh ${b.label}`} onDone={onDone} onError={onError} />
      {canEdit && EDITABLE.has(b.status) ? (
        <EditToggle id={b.id} button={`Sửa: Tên định danh ${b.label}`}>
          {(close, saved) => <EditBrandname brandname={b} onCancel={close} onSaved={(s) => saved(savedText(s))} />}
        </EditToggle>
      ) : null}
    </li>
  );
}
