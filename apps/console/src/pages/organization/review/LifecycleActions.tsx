import type { Reviewable } from '../../../api/types';
import { ReasonAction } from '../../../ui';
import type { TakeStep } from './use-review-step';

/** What the reinstatement request form says will happen: nothing answers differently until someone else approves. */
export const REINSTATE_REQUEST_HINT = 'Mục vẫn tạm ngưng cho đến khi một cán bộ khác phê duyệt yêu cầu khôi phục này.';

/** A live item's life cycle (regulators): suspend, request a reinstatement (unless one waits), revoke. */
export function LifecycleActions({
  status,
  reinstating,
  subject,
  take,
}: {
  status: Reviewable['status'];
  reinstating: boolean;
  subject: string;
  take: TakeStep;
}) {
  if (status !== 'active' && status !== 'suspended') return null;
  return (
    <div className="actions">
      {status === 'active' ? (
        <ReasonAction label="Tạm ngưng" subject={subject} onSubmit={(r) => take('suspend', r, `Đã tạm ngưng: ${subject}`)} />
      ) : null}
      {status === 'suspended' && !reinstating ? (
        <ReasonAction
          label="Khôi phục"
          confirmLabel="Gửi yêu cầu khôi phục"
          subject={subject}
          hint={REINSTATE_REQUEST_HINT}
          onSubmit={(r) =>
            take('reinstate', r, `Đã gửi yêu cầu khôi phục: ${subject}. Mục vẫn tạm ngưng cho đến khi một cán bộ khác phê duyệt.`)
          }
        />
      ) : null}
      <ReasonAction label="Thu hồi" danger subject={subject} onSubmit={(r) => take('revoke', r, `Đã thu hồi: ${subject}`)} />
    </div>
  );
}
