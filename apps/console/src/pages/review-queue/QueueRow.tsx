import { fourEyesText } from '@app/domain/four-eyes-text';
import type { ReviewItem } from '../../api/types';
import { swallow } from '../../data';
import { formatDateTime } from '../../labels';
import { CHANGE_TEXT, changeLines, KIND_TITLE, narrowingText, proposedValues, subjectOf } from '../../review-text';
import { Link, ReasonAction } from '../../ui';
import { VerdictButton } from '../../verdict';
import { ItemFacts } from './ItemFacts';

/**
 * One waiting item: a checkbox for bulk approval and the approve button, both barred (with the registry's reason
 * beside them) when four eyes refuses this user; the reject button asks for a reason.
 */
export function QueueRow({
  item,
  checked,
  onToggle,
  onAct,
}: {
  item: ReviewItem;
  checked: boolean;
  onToggle: (on: boolean) => void;
  onAct: (action: 'approve' | 'reject', reason: string | undefined, message: string) => Promise<void>;
}) {
  const subject = subjectOf(item);
  const words = CHANGE_TEXT[item.change];
  const refused = fourEyesText(item.fourEyes);
  const noticeId = `fe-${item.kind}-${item.id}-${item.change}`;
  const narrowing = item.kind === 'numbers' && item.change === 'revision' ? narrowingText(item.allowedOrigins, proposedValues(item)) : null;
  return (
    <tr data-testid="queue-item" className={refused ? 'barred' : undefined}>
      <td data-label="Chọn">
        <input
          type="checkbox"
          checked={checked && !refused}
          disabled={refused !== null}
          onChange={(e) => onToggle(e.target.checked)}
          aria-label={`Chọn: ${subject}`}
          aria-describedby={refused ? noticeId : undefined}
        />
      </td>
      <td data-label="Loại">
        {KIND_TITLE[item.kind]}
        {words.badge ? (
          <div className={item.change === 'reinstate' ? 'badge badge-suspended' : 'badge badge-pending'}>{words.badge}</div>
        ) : null}
      </td>
      <td data-label="Nội dung">
        <ItemFacts item={item} />
      </td>
      <td data-label="Cơ quan">
        <Link to={`/organizations/${item.organization.id}`}>{item.organization.code}</Link>
        <div className="muted">{item.organization.name}</div>
      </td>
      <td data-label="Người gửi">
        {item.submittedBy?.username ?? '—'}
        <div className="muted">{formatDateTime(item.submittedAt)}</div>
      </td>
      <td data-label="Thay đổi">
        {item.change === 'revision' ? (
          <>
            <ul className="changes">
              {changeLines(item).map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
            {narrowing ? (
              <p className="narrowing" data-testid="narrowing">
                {narrowing}
              </p>
            ) : null}
          </>
        ) : item.change === 'reinstate' ? (
          <div data-testid="reinstate-reason">
            <strong>Yêu cầu khôi phục</strong> (đang tạm ngưng). Lý do: {item.reason || '(không có)'}
          </div>
        ) : (
          <span className="muted">Đăng ký mới</span>
        )}
      </td>
      <td data-label="Thao tác">
        <div className="actions">
          <VerdictButton
            verdict={item.fourEyes}
            noticeId={noticeId}
            label={words.approve}
            ariaLabel={`${words.approve}: ${subject}`}
            onClick={() => swallow(onAct('approve', undefined, `Đã ${words.approve.toLowerCase()}: ${subject}`))}
          />
          <ReasonAction
            label={words.reject}
            danger
            subject={subject}
            onSubmit={(r) => onAct('reject', r, `Đã ${words.reject.toLowerCase()}: ${subject}`)}
          />
        </div>
      </td>
    </tr>
  );
}
