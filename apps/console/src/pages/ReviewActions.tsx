import { useState } from 'react';
import { post } from '../api';
import { mayReview } from '../../../../libs/domain/src/review-actors';
import { approveState } from '../four-eyes';
import { useSession } from '../session-context';
import { ReasonAction } from '../ui';
import type { Reviewable } from '../types';

export type Kind = 'organizations' | 'brandnames' | 'numbers';

/**
 * Approve / reject for a pending item, suspend / reinstate / revoke for a live one (regulators only).
 * The four-eyes rule is shown, not just enforced: your own item's approve button is disabled.
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
  if (me.role === 'agency_admin') return <EmergencyStop kind={kind} item={item} subject={subject} act={act} />;
  if (me.role !== 'regulator') return null;
  const swallow = (p: Promise<void>) => p.catch(() => {});
  const state = approveState(me, item);
  return (
    <div className="actions">
      {item.status === 'pending' ? (
        <>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!state.canApprove || busy}
            aria-label={`Duyệt: ${subject}`}
            aria-describedby={state.notice ? `fe-${item.id}` : undefined}
            onClick={() => swallow(act('approve', undefined, `Đã duyệt: ${subject}`))}
          >
            Duyệt
          </button>
          {state.notice ? (
            <span className="four-eyes" id={`fe-${item.id}`}>
              {state.notice}
            </span>
          ) : null}
          <ReasonAction label="Từ chối" danger subject={subject} onSubmit={(r) => act('reject', r, `Đã từ chối: ${subject}`)} />
        </>
      ) : null}
      {lifecycle && item.status === 'active' ? (
        <ReasonAction label="Tạm ngưng" subject={subject} onSubmit={(r) => act('suspend', r, `Đã tạm ngưng: ${subject}`)} />
      ) : null}
      {lifecycle && item.status === 'suspended' ? (
        <ReasonAction label="Khôi phục" subject={subject} onSubmit={(r) => act('reinstate', r, `Đã khôi phục: ${subject}`)} />
      ) : null}
      {lifecycle && (item.status === 'active' || item.status === 'suspended') ? (
        <ReasonAction label="Thu hồi" danger subject={subject} onSubmit={(r) => act('revoke', r, `Đã thu hồi: ${subject}`)} />
      ) : null}
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
