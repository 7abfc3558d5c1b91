import type { Revision } from '../../../api/types';
import { formatDateTime } from '../../../labels';
import { useSession, useUserName } from '../../../session-context';

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
