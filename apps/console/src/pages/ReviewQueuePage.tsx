import { useEffect, useState } from 'react';
import { get, post, query } from '../api';
import { formatDateTime, label } from '../labels';
import { HOLDING_STATUS_LABEL } from '../onboarding-text';
import { fourEyesText } from '../../../../libs/domain/src/four-eyes-text';
import {
  actionPath,
  bulkSummary,
  CHANGE_TEXT,
  changeLines,
  directionText,
  KIND_TITLE,
  narrowingText,
  originsText,
  proposedValues,
  resultText,
  subjectOf,
  validityText,
} from '../review-text';
import { Alert, Link, ReasonAction, useLoad } from '../ui';
import { VerdictButton } from '../verdict';
import type { BulkItemResult, Organization, ReviewItem, ReviewKind, ReviewQueue } from '../types';

const PAGE = 50;
/** An item can wait twice (a suspended item with a revision and a reinstatement request): the change is part of the key. */
const keyOf = (i: { kind: string; id: string; change: string }) => `${i.kind}:${i.id}:${i.change}`;

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
  const act = async (item: ReviewItem, action: 'approve' | 'reject', reason: string | undefined, message: string) => {
    try {
      await post(`/${item.kind}/${item.id}/${actionPath(item.change, action)}`, reason ? { reason } : {});
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
      const res = await post<{ results: BulkItemResult[] }>('/reviews/approve', {
        items: chosen.map((i) => ({ kind: i.kind, id: i.id, change: i.change })),
      });
      setError(undefined);
      setSuccess(bulkSummary(res.results));
      // One result per item, in the order sent.
      setResults(
        res.results.map((r, n) => ({
          ok: r.ok,
          text: resultText({ change: chosen[n]?.change, ...r }, chosen[n] ? subjectOf(chosen[n]) : r.id),
        })),
      );
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

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Hàng chờ duyệt</h1>
      <p className="muted">
        Nguyên tắc bốn mắt giữa người với người: ai đã tham gia một việc, hoặc có thể đăng nhập thay người đã tham gia (đã tạo tài khoản kèm
        mật khẩu, đặt lại mật khẩu hoặc mời họ), thì không được duyệt việc đó. Máy chủ quyết định; lý do hiện ngay cạnh nút bị khóa. Cũ nhất
        ở trên cùng.
      </p>
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
        {items ? <span className="muted">{total} mục chờ duyệt</span> : null}
      </div>
      {items === null && !error ? <p>Đang tải…</p> : null}
      {items && list.length === 0 ? <p className="empty">Không có mục nào chờ duyệt.</p> : null}
      {list.length > 0 ? (
        <table className="table stack-on-phone">
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
  onAct: (action: 'approve' | 'reject', reason: string | undefined, message: string) => Promise<void>;
}) {
  const subject = subjectOf(item);
  const words = CHANGE_TEXT[item.change];
  const refused = fourEyesText(item.fourEyes);
  const noticeId = `fe-${item.kind}-${item.id}-${item.change}`;
  const narrowing = item.kind === 'numbers' && item.change === 'revision' ? narrowingText(item.allowedOrigins, proposedValues(item)) : null;
  const swallow = (p: Promise<void>) => p.catch(() => {});
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
