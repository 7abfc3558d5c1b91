import type { ReviewItem } from '../../api/types';
import { keyOf } from './use-review-queue';
import { QueueRow } from './QueueRow';
import { TableHead } from '../../table-head';

/** The queue's items, oldest first, each with its facts, its change and its decisions. */
export function QueueTable({
  items,
  selected,
  toggle,
  act,
}: {
  items: ReviewItem[];
  selected: Set<string>;
  toggle: (item: ReviewItem, on: boolean) => void;
  act: (item: ReviewItem, action: 'approve' | 'reject', reason: string | undefined, message: string) => Promise<void>;
}) {
  return (
    <table className="table stack-on-phone">
      <caption className="visually-hidden">Các mục chờ duyệt, cũ nhất trước</caption>
      <TableHead columns={['Chọn', 'Loại', 'Nội dung', 'Cơ quan', 'Người gửi', 'Thay đổi', 'Thao tác']} />
      <tbody>
        {items.map((item) => (
          <QueueRow
            key={keyOf(item)}
            item={item}
            checked={selected.has(keyOf(item))}
            onToggle={(on) => toggle(item, on)}
            onAct={(action, reason, message) => act(item, action, reason, message)}
          />
        ))}
      </tbody>
    </table>
  );
}
