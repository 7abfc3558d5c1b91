import type { ReviewKind } from '../../api/types';
import { KIND_TITLE } from '../../review-text';
import { Alert } from '../../ui';
import { QueueTable } from './QueueTable';
import { useReviewQueue } from './use-review-queue';

/** The whole queue from /v1/reviews/pending, oldest first, a page at a time; approval one by one or in bulk. */
export function ReviewQueuePage() {
  const queue = useReviewQueue();
  const { filters, items, selected, notice } = queue;
  const list = items ?? [];

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Hàng chờ duyệt</h1>
      <p className="muted">
        Nguyên tắc bốn mắt giữa người với người: ai đã tham gia một việc, hoặc có thể đăng nhập thay người đã tham gia (đã tạo tài khoản kèm
        mật khẩu, đặt lại mật khẩu, yêu cầu đặt lại xác thực hai bước hoặc mời họ), thì không được duyệt việc đó. Máy chủ quyết định; lý do
        hiện ngay cạnh nút bị khóa. Cũ nhất ở trên cùng.
      </p>
      <Alert error={notice.error} success={notice.success} />
      {queue.results.length ? (
        <ul className="bulk-results" aria-label="Kết quả phê duyệt từng mục">
          {queue.results.map((r, i) => (
            <li key={i} data-testid="bulk-result" className={r.ok ? 'result-ok' : 'result-refused'}>
              {r.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row queue-tools">
        <label>
          Loại{' '}
          <select value={filters.kind} onChange={(e) => filters.setKind(e.target.value as ReviewKind | '')}>
            <option value="">Tất cả</option>
            {(Object.keys(KIND_TITLE) as ReviewKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_TITLE[k]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Cơ quan{' '}
          <select value={filters.organizationId} onChange={(e) => filters.setOrganizationId(e.target.value)}>
            <option value="">Tất cả</option>
            {filters.organizations.map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-primary"
          disabled={queue.busy || selected.size === 0}
          onClick={() => void queue.approveSelected()}
        >
          Phê duyệt các mục đã chọn ({selected.size})
        </button>
        {items ? <span className="muted">{queue.total} mục chờ duyệt</span> : null}
      </div>
      {items === null && !notice.error ? <p>Đang tải…</p> : null}
      {items && list.length === 0 ? <p className="empty">Không có mục nào chờ duyệt.</p> : null}
      {list.length > 0 ? <QueueTable items={list} selected={selected} toggle={queue.toggle} act={queue.act} /> : null}
      {queue.more ? (
        <button type="button" className="btn" onClick={queue.more}>
          Tải thêm
        </button>
      ) : null}
    </section>
  );
}
