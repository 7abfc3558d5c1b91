import type { Organization } from '../../api/types';
import type { Notice } from '../../data';
import { KIND_LABEL } from '../../labels';
import { useSession, useUserName } from '../../session-context';
import { Alert, Link, StatusBadge } from '../../ui';
import { plainValue, RevisionCompare } from './edit/EditNotices';
import { EditOrganization } from './EditProfile';
import { useOrganizationPage } from './organization-context';
import { EditToggle } from './edit/EditToggle';
import type { Tab } from './OrganizationPage';
import { ReviewActions } from './review/ReviewActions';

const EDITABLE = new Set<Organization['status']>(['pending', 'active', 'suspended']);

const savedText = (saved: Organization) =>
  saved.pendingRevision ? `Đã gửi bản sửa cơ quan ${saved.code}; chờ cán bộ khác duyệt.` : `Đã lưu cơ quan ${saved.code}.`;

/** The organization's name, status and pending revision, its review actions and edit form, and the tabs. */
export function OrganizationHeader({
  organization: o,
  notice,
  tab,
  setTab,
}: {
  organization: Organization;
  notice: Notice;
  tab: Tab;
  setTab: (tab: Tab) => void;
}) {
  const { me } = useSession();
  const { onDone, onError } = useOrganizationPage();
  const userName = useUserName();
  return (
    <section aria-labelledby="org-title">
      <h1 id="org-title">
        {o.name} <span className="muted">({o.code})</span>
      </h1>
      <p>
        {KIND_LABEL[o.kind] ?? o.kind} · <StatusBadge status={o.status} />
        {o.statusReason ? <span className="muted"> · Lý do: {o.statusReason}</span> : null}
        <span className="muted"> · Người gửi: {userName(o.submittedBy)}</span>
      </p>
      {o.status === 'merged' && o.successorId ? (
        <p data-testid="successor">
          Đã hợp nhất vào <Link to={`/organizations/${o.successorId}`}>cơ quan kế thừa</Link>; các số đã chuyển sang cơ quan đó.
        </p>
      ) : null}
      <RevisionCompare
        revision={o.pendingRevision ?? null}
        fieldNames={{ name: 'Tên cơ quan', parentId: 'Cơ quan cấp trên' }}
        show={plainValue}
      />
      <ReviewActions kind="organizations" item={o} subject={`Cơ quan ${o.code}`} onDone={onDone} onError={onError} />
      {me.role === 'regulator' && EDITABLE.has(o.status) ? (
        <EditToggle id={o.id} button={`Sửa: Cơ quan ${o.code}`}>
          {(close, saved) => <EditOrganization organization={o} onCancel={close} onSaved={(s) => saved(savedText(s))} />}
        </EditToggle>
      ) : null}
      <Alert error={notice.error} success={notice.success} />
      <div className="tabs" role="tablist" aria-label="Nội dung cơ quan">
        <button type="button" role="tab" aria-selected={tab === 'profile'} onClick={() => setTab('profile')}>
          Hồ sơ
        </button>
        <button type="button" role="tab" aria-selected={tab === 'rollout'} onClick={() => setTab('rollout')}>
          Triển khai
        </button>
      </div>
    </section>
  );
}
