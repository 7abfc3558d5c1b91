import { useState } from 'react';
import { post } from '../api';
import { mayReview } from '../../../../libs/domain/src/review-actors';
import { formatDateTime } from '../labels';
import { useSession, useUserName } from '../session-context';
import { ReasonAction } from '../ui';
import { VerdictButton } from '../verdict';
import type { Reviewable, Revision } from '../types';

export type Kind = 'organizations' | 'brandnames' | 'numbers';

/** What the reinstatement request form says will happen: nothing answers differently until someone else approves. */
export const REINSTATE_REQUEST_HINT = 'Mục vẫn tạm ngưng cho đến khi một cán bộ khác phê duyệt yêu cầu khôi phục này.';

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
  kind: Kind;
  item: Reviewable;
  subject: string;
  onDone: (message: string) => void;
  onError: (err: unknown) => void;
  lifecycle?: boolean;
}) {
  const { me } = useSession();
  const [busy, setBusy] = useState(false);
  const act = async (action: string, reason: string | undefined, message: string) => {
    setBusy(true);
    try {
      await post(`/${kind}/${item.id}/${action}`, reason ? { reason } : {});
      onDone(message);
    } catch (err) {
      onError(err);
      throw err;
    } finally {
      setBusy(false);
    }
  };
  const swallow = (p: Promise<void>) => p.catch(() => {});
  const reinstate = item.pendingReinstate ?? null;
  const request = reinstate ? <ReinstateRequest request={reinstate} /> : null;
  if (me.role === 'agency_admin') {
    return (
      <>
        {request}
        <EmergencyStop kind={kind} item={item} subject={subject} act={act} />
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
            onClick={() => swallow(act('approve', undefined, `Đã duyệt: ${subject}`))}
          />
          <ReasonAction label="Từ chối" danger subject={subject} onSubmit={(r) => act('reject', r, `Đã từ chối: ${subject}`)} />
        </div>
      ) : null}
      {item.pendingRevision ? (
        <div className="actions" role="group" aria-label={`Bản sửa chờ duyệt: ${subject}`}>
          <VerdictButton
            verdict={item.pendingRevision.fourEyes}
            label="Duyệt thay đổi"
            ariaLabel={`Duyệt thay đổi: ${subject}`}
            busy={busy}
            onClick={() => swallow(act('revision/approve', undefined, `Đã duyệt thay đổi: ${subject}`))}
          />
          <ReasonAction
            label="Từ chối thay đổi"
            danger
            subject={subject}
            onSubmit={(r) => act('revision/reject', r, `Đã từ chối thay đổi: ${subject}; giá trị đang áp dụng giữ nguyên.`)}
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
              onClick={() => swallow(act('reinstate/approve', undefined, `Đã phê duyệt khôi phục: ${subject}`))}
            />
            <ReasonAction
              label="Từ chối khôi phục"
              danger
              subject={subject}
              hint="Mục vẫn tạm ngưng; muốn khôi phục sau này cần một yêu cầu mới."
              onSubmit={(r) => act('reinstate/reject', r, `Đã từ chối yêu cầu khôi phục: ${subject}; mục vẫn tạm ngưng.`)}
            />
          </div>
        </>
      ) : null}
      {lifecycle && (item.status === 'active' || item.status === 'suspended') ? (
        <div className="actions">
          {item.status === 'active' ? (
            <ReasonAction label="Tạm ngưng" subject={subject} onSubmit={(r) => act('suspend', r, `Đã tạm ngưng: ${subject}`)} />
          ) : null}
          {item.status === 'suspended' && !reinstate ? (
            <ReasonAction
              label="Khôi phục"
              confirmLabel="Gửi yêu cầu khôi phục"
              subject={subject}
              hint={REINSTATE_REQUEST_HINT}
              onSubmit={(r) =>
                act('reinstate', r, `Đã gửi yêu cầu khôi phục: ${subject}. Mục vẫn tạm ngưng cho đến khi một cán bộ khác phê duyệt.`)
              }
            />
          ) : null}
          {item.status === 'active' || item.status === 'suspended' ? (
            <ReasonAction label="Thu hồi" danger subject={subject} onSubmit={(r) => act('revoke', r, `Đã thu hồi: ${subject}`)} />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A requested reinstatement, for everyone who sees the item: who asked, when and why; the item stays suspended. */
export function ReinstateRequest({ request }: { request: Revision }) {
  const { usernames } = useSession();
  const userName = useUserName();
  // Only regulators can list accounts: anyone else reads "a regulator" rather than an id.
  const who = request.submittedBy && usernames.has(request.submittedBy) ? userName(request.submittedBy) : 'một cán bộ quản lý';
  return (
    <div className="notice notice-reinstate" data-testid="reinstate-request">
      <strong>Đang chờ duyệt yêu cầu khôi phục</strong> (mục vẫn tạm ngưng đến khi một cán bộ khác phê duyệt): {who} yêu cầu lúc{' '}
      {formatDateTime(request.createdAt)}. Lý do: {request.reason || '(không có)'}
    </div>
  );
}

const ITEM_KIND = { organizations: 'organization', brandnames: 'brandname', numbers: 'number' } as const;

/**
 * An agency admin's emergency stop: suspend its own active brandname or number at once, with a reason. Lifting
 * it is a regulator's decision (the domain's review-actors table says so; this only hides what it refuses).
 */
function EmergencyStop({
  kind,
  item,
  subject,
  act,
}: {
  kind: Kind;
  item: Reviewable & { organizationId?: string | null };
  subject: string;
  act: (action: string, reason: string | undefined, message: string) => Promise<void>;
}) {
  const { me } = useSession();
  const orgId = kind === 'organizations' ? item.id : (item.organizationId ?? '');
  if (item.status !== 'active' || !mayReview(me, 'suspend', ITEM_KIND[kind], orgId)) return null;
  return (
    <div className="actions">
      <ReasonAction
        label="Tạm dừng khẩn cấp"
        danger
        subject={subject}
        onSubmit={(r) => act('suspend', r, `Đã tạm dừng khẩn cấp: ${subject}. Cán bộ quản lý sẽ xem xét việc khôi phục.`)}
      />
    </div>
  );
}
