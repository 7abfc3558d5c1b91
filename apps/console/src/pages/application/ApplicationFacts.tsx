import type { Application } from '../../api/types';
import { formatDateTime } from '../../labels';
import { APPLICATION_STATUS_LABEL } from '../../onboarding-text';
import { StatusBadge } from '../../ui';

/** What the application asks for and who sent it. */
export function ApplicationFacts({ application: a }: { application: Application }) {
  return (
    <dl className="facts">
      <dt>Trạng thái</dt>
      <dd data-testid="application-status">{APPLICATION_STATUS_LABEL[a.status] ?? a.status}</dd>
      {a.statusReason ? (
        <>
          <dt>Ghi chú của Bộ</dt>
          <dd>{a.statusReason}</dd>
        </>
      ) : null}
      <dt>Mã cơ quan</dt>
      <dd>{a.organization.code}</dd>
      <dt>Nhãn / tên hiển thị</dt>
      <dd>
        {a.brandname.label} / {a.brandname.displayName} <StatusBadge status={a.brandname.status} />
      </dd>
      <dt>Người nộp</dt>
      <dd>
        {a.applicant.fullName} ({a.applicant.username}, {a.applicant.email}, {a.applicant.phone})
      </dd>
      <dt>Nộp lúc</dt>
      <dd>{formatDateTime(a.submittedAt)}</dd>
    </dl>
  );
}
