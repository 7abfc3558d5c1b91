import { mayReview } from '@app/domain/review-actors';
import type { Reviewable, ReviewKind } from '../../../api/types';
import { useSession } from '../../../session-context';
import { ReasonAction } from '../../../ui';
import type { TakeStep } from './use-review-step';

const ITEM_KIND = { organizations: 'organization', brandnames: 'brandname', numbers: 'number' } as const;

/**
 * An agency admin's emergency stop: suspend its own active brandname or number at once, with a reason. Lifting
 * it is a regulator's decision (the domain's review-actors table says so; this only hides what it refuses).
 */
export function EmergencyStop({ kind, item, subject, take }: { kind: ReviewKind; item: Reviewable; subject: string; take: TakeStep }) {
  const { me } = useSession();
  const orgId = kind === 'organizations' ? item.id : (item.organizationId ?? '');
  if (item.status !== 'active' || !mayReview(me, 'suspend', ITEM_KIND[kind], orgId)) return null;
  return (
    <div className="actions">
      <ReasonAction
        label="Tạm dừng khẩn cấp"
        danger
        subject={subject}
        onSubmit={(r) => take('suspend', r, `Đã tạm dừng khẩn cấp: ${subject}. Cán bộ quản lý sẽ xem xét việc khôi phục.`)}
      />
    </div>
  );
}
