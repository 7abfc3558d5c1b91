import { useState } from 'react';
import { post } from '../api';
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
  if (me.role !== 'regulator') return null;
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
