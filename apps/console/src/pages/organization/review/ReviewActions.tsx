import type { Reviewable, ReviewKind } from '../../../api/types';
import { swallow } from '../../../data';
import { useSession } from '../../../session-context';
import { ReasonAction } from '../../../ui';
import { VerdictButton } from '../../../verdict';
import { EmergencyStop } from './EmergencyStop';
import { LifecycleActions } from './LifecycleActions';
import { ReinstateRequest } from './ReinstateRequest';
import { useReviewStep } from './use-review-step';

/**
 * The decisions on one item (regulators): approve / reject a pending item, its pending revision, or a requested
 * reinstatement; suspend, request a reinstatement, revoke. Whether you may approve is the registry's verdict
 * (`fourEyes` on the item, its revision and its reinstatement request): a refused button is disabled with the
 * reason beside it. The console never decides four eyes itself.
 */
export function ReviewActions({
  kind,
  item,
  subject,
  onDone,
  onError,
  lifecycle = true,
}: {
  kind: ReviewKind;
  item: Reviewable;
  subject: string;
  onDone: (message: string) => void;
  onError: (err: unknown) => void;
  lifecycle?: boolean;
}) {
  const { me } = useSession();
  const { busy, take } = useReviewStep(kind, item.id, onDone, onError);
  const reinstate = item.pendingReinstate ?? null;
  const request = reinstate ? <ReinstateRequest request={reinstate} /> : null;
  if (me.role === 'agency_admin') {
    return (
      <>
        {request}
        <EmergencyStop kind={kind} item={item} subject={subject} take={take} />
      </>
    );
  }
  if (me.role !== 'regulator') return request;
  return (
    <div className="review-actions">
      {item.status === 'pending' ? (
        <div className="actions">
          <VerdictButton
            verdict={item.fourEyes}
            label="Duyệt"
            ariaLabel={`Duyệt: ${subject}`}
            busy={busy}
            onClick={() => swallow(take('approve', undefined, `Đã duyệt: ${subject}`))}
          />
          <ReasonAction label="Từ chối" danger subject={subject} onSubmit={(r) => take('reject', r, `Đã từ chối: ${subject}`)} />
        </div>
      ) : null}
      {item.pendingRevision ? (
        <div className="actions" role="group" aria-label={`Bản sửa chờ duyệt: ${subject}`}>
          <VerdictButton
            verdict={item.pendingRevision.fourEyes}
            label="Duyệt thay đổi"
            ariaLabel={`Duyệt thay đổi: ${subject}`}
            busy={busy}
            onClick={() => swallow(take('revision/approve', undefined, `Đã duyệt thay đổi: ${subject}`))}
          />
          <ReasonAction
            label="Từ chối thay đổi"
            danger
            subject={subject}
            onSubmit={(r) => take('revision/reject', r, `Đã từ chối thay đổi: ${subject}; giá trị đang áp dụng giữ nguyên.`)}
          />
        </div>
      ) : null}
      {reinstate ? (
        <>
          {request}
          <div className="actions" role="group" aria-label={`Yêu cầu khôi phục: ${subject}`}>
            <VerdictButton
              verdict={reinstate.fourEyes}
              label="Phê duyệt khôi phục"
              ariaLabel={`Phê duyệt khôi phục: ${subject}`}
              busy={busy}
              onClick={() => swallow(take('reinstate/approve', undefined, `Đã phê duyệt khôi phục: ${subject}`))}
            />
            <ReasonAction
              label="Từ chối khôi phục"
              danger
              subject={subject}
              hint="Mục vẫn tạm ngưng; muốn khôi phục sau này cần một yêu cầu mới."
              onSubmit={(r) => take('reinstate/reject', r, `Đã từ chối yêu cầu khôi phục: ${subject}; mục vẫn tạm ngưng.`)}
            />
          </div>
        </>
      ) : null}
      {lifecycle ? <LifecycleActions status={item.status} reinstating={reinstate !== null} subject={subject} take={take} /> : null}
    </div>
  );
}
