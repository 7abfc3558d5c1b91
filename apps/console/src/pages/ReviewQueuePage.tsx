import { useEffect, useState } from 'react';
import { get, post, query } from '../api';
import { formatDateTime, label } from '../labels';
import { HOLDING_STATUS_LABEL } from '../onboarding-text';
import {
  bulkSummary,
  changeLines,
  directionText,
  FOUR_EYES_REASON,
  KIND_TITLE,
  originsText,
  resultText,
  subjectOf,
  validityText,
} from '../review-text';
import { Alert, Link, ReasonAction, useLoad } from '../ui';
import type { BulkItemResult, Organization, ReviewItem, ReviewKind, ReviewQueue } from '../types';

const PAGE = 50;
const keyOf = (i: { kind: string; id: string }) => `${i.kind}:${i.id}`;

/** The whole queue from /v1/reviews/pending, oldest first, a page at a time; approval one by one or in bulk. */
export function ReviewQueuePage() {
  const [kind, setKind] = useState<ReviewKind | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const organizations = useLoad(() => get<Organization[]>('/organizations'), []);
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Array<{ text: string; ok: boolean }>>([]);
  const [success, setSuccess] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null, keep: ReviewItem[]) => {
    try {
      const page = await get<ReviewQueue>(
        `/reviews/pending${query({ kind: kind || undefined, organizationId: organizationId || undefined, limit: PAGE, cursor: after ?? undefined })}`,
      );
      setItems([...keep, ...page.items]);
      setTotal(page.total);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    }
  };
  const reload = () => {
    setSelected(new Set());
    return load(null, []);
  };
  useEffect(() => {
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [kind, organizationId]);

  const done = (message: string) => {
    setError(undefined);
    setResults([]);
    setSuccess(message);
    void reload();
  };
  const failed = (err: unknown) => {
    setSuccess(null);
    setError(err);
  };
  const act = async (item: ReviewItem, action: string, reason: string | undefined, message: string) => {
    const path = item.change === 'revision' ? `revision/${action}` : action;
    try {
      await post(`/${item.kind}/${item.id}/${path}`, reason ? { reason } : {});
      done(message);
    } catch (err) {
      failed(err);
      throw err;
    }
  };
  const approveSelected = async () => {
    const chosen = (items ?? []).filter((i) => selected.has(keyOf(i)));
    setBusy(true);
    try {
      const res = await post<{ results: BulkItemResult[] }>('/reviews/approve', { items: chosen.map((i) => ({ kind: i.kind, id: i.id })) });
      const subjects = new Map(chosen.map((i) => [keyOf(i), subjectOf(i)]));
      setError(undefined);
      setSuccess(bulkSummary(res.results));
      setResults(res.results.map((r) => ({ ok: r.ok, text: resultText(r, subjects.get(keyOf(r)) ?? r.id) })));
      await reload();
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (item: ReviewItem, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(keyOf(item));
    else next.delete(keyOf(item));
    setSelected(next);
  };
  const list = items ?? [];
  const barredSelected = list.filter((i) => selected.has(keyOf(i)) && i.fourEyes.barred).length;

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Hàng chờ duyệt</h1>
      <p className="muted">Nguyên tắc bốn mắt: người đã gửi hoặc sửa lần cuối một mục không được tự duyệt mục đó. Cũ nhất ở trên cùng.</p>
      <Alert error={error} success={success} />
      {results.length ? (
        <ul className="bulk-results" aria-label="Kết quả phê duyệt từng mục">
          {results.map((r, i) => (
            <li key={i} data-testid="bulk-result" className={r.ok ? 'result-ok' : 'result-refused'}>
              {r.text}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="row queue-tools">
        <label>
          Loại{' '}
          <select value={kind} onChange={(e) => setKind(e.target.value as ReviewKind | '')}>
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
          <select value={organizationId} onChange={(e) => setOrganizationId(e.target.value)}>
            <option value="">Tất cả</option>
            {(organizations.data ?? []).map((o) => (
              <option key={o.id} value={o.id}>
                {o.code} — {o.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="btn btn-primary" disabled={busy || selected.size === 0} onClick={() => void approveSelected()}>
          Phê duyệt các mục đã chọn ({selected.size})
        </button>
        {barredSelected ? (
          <span className="four-eyes">{barredSelected} mục đã chọn do bạn gửi hoặc sửa: máy chủ sẽ từ chối theo nguyên tắc bốn mắt.</span>
        ) : null}
        {items ? <span className="muted">{total} mục chờ duyệt</span> : null}
      </div>
      {items === null && !error ? <p>Đang tải…</p> : null}
      {items && list.length === 0 ? <p className="empty">Không có mục nào chờ duyệt.</p> : null}
      {list.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Các mục chờ duyệt, cũ nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Chọn</th>
              <th scope="col">Loại</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Cơ quan</th>
              <th scope="col">Người gửi</th>
              <th scope="col">Thay đổi</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {list.map((item) => (
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
      ) : null}
      {cursor ? (
        <button type="button" className="btn" onClick={() => void load(cursor, list)}>
          Tải thêm
        </button>
      ) : null}
    </section>
  );
}

function QueueRow({
  item,
  checked,
  onToggle,
  onAct,
}: {
  item: ReviewItem;
  checked: boolean;
  onToggle: (on: boolean) => void;
  onAct: (action: string, reason: string | undefined, message: string) => Promise<void>;
}) {
  const subject = subjectOf(item);
  const revision = item.change === 'revision';
  const noticeId = `fe-${item.kind}-${item.id}`;
  const swallow = (p: Promise<void>) => p.catch(() => {});
  return (
    <tr data-testid="queue-item" className={item.fourEyes.barred ? 'barred' : undefined}>
      <td>
        <input type="checkbox" checked={checked} onChange={(e) => onToggle(e.target.checked)} aria-label={`Chọn: ${subject}`} />
      </td>
      <td>
        {KIND_TITLE[item.kind]}
        {revision ? <div className="badge badge-pending">Sửa đổi</div> : null}
      </td>
      <td>
        <ItemFacts item={item} />
      </td>
      <td>
        <Link to={`/organizations/${item.organization.id}`}>{item.organization.code}</Link>
        <div className="muted">{item.organization.name}</div>
      </td>
      <td>
        {item.submittedBy?.username ?? '—'}
        <div className="muted">{formatDateTime(item.submittedAt)}</div>
      </td>
      <td>
        {revision ? (
          <ul className="changes">
            {changeLines(item).map((l) => (
              <li key={l}>{l}</li>
            ))}
          </ul>
        ) : (
          <span className="muted">Đăng ký mới</span>
        )}
      </td>
      <td>
        <div className="actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={item.fourEyes.barred}
            aria-label={`${revision ? 'Duyệt thay đổi' : 'Duyệt'}: ${subject}`}
            aria-describedby={item.fourEyes.barred ? noticeId : undefined}
            onClick={() => swallow(onAct('approve', undefined, `Đã duyệt: ${subject}`))}
          >
            Duyệt
          </button>
          {item.fourEyes.barred ? (
            <span className="four-eyes" id={noticeId}>
              {FOUR_EYES_REASON}
            </span>
          ) : null}
          <ReasonAction label="Từ chối" danger subject={subject} onSubmit={(r) => onAct('reject', r, `Đã từ chối: ${subject}`)} />
        </div>
      </td>
    </tr>
  );
}

function ItemFacts({ item }: { item: ReviewItem }) {
  if (item.kind === 'numbers') {
    const inbound = item.direction === 'inbound_only';
    return (
      <>
        <strong>{item.nationalNumber}</strong>
        <div>
          <span className={inbound ? 'badge badge-inbound' : 'badge badge-outbound'}>{directionText(item.direction)}</span>
        </div>
        <dl className="facts">
          <dt>Tên định danh</dt>
          <dd>{item.label}</dd>
          <dt>Nhà mạng được phép</dt>
          <dd>{originsText(item.allowedOrigins)}</dd>
          <dt>Hiệu lực</dt>
          <dd>{validityText(item.validFrom, item.validTo)}</dd>
          <dt>Căn cứ</dt>
          <dd>{item.evidence || '(chưa có)'}</dd>
          {item.holdingStatus ? (
            <>
              <dt>Nhà mạng giữ số</dt>
              <dd>{label(HOLDING_STATUS_LABEL, item.holdingStatus)}</dd>
            </>
          ) : null}
        </dl>
      </>
    );
  }
  if (item.kind === 'brandnames') {
    return (
      <>
        <strong>
          {item.label} / {item.displayName}
        </strong>
        {item.callReason ? <div className="muted">Lý do cuộc gọi: {item.callReason}</div> : null}
      </>
    );
  }
  return (
    <>
      <strong>{item.organization.name}</strong>
      <div className="muted">{item.organization.code}</div>
    </>
  );
}
