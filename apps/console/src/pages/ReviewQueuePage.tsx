import { useState } from 'react';
import { get, query } from '../api';
import { formatDateTime } from '../labels';
import { useUserName } from '../session-context';
import { Alert, Link, useLoad } from '../ui';
import type { Brandname, CallerNumber, NumberPage, Organization, Reviewable } from '../types';
import { ReviewActions } from './ReviewActions';
import type { Kind } from './ReviewActions';

interface QueueItem {
  kind: Kind;
  item: Reviewable;
  what: string;
  detail: string;
  org: Organization;
}

const KIND_TITLE: Record<Kind, string> = { organizations: 'Cơ quan', brandnames: 'Tên định danh', numbers: 'Số điện thoại' };

/** Everything pending review, oldest first: organizations, then each organization's brandnames and numbers. */
async function loadQueue(): Promise<QueueItem[]> {
  const [pendingOrgs, orgs] = await Promise.all([
    get<Organization[]>(`/organizations${query({ status: 'pending' })}`),
    get<Organization[]>('/organizations'),
  ]);
  const items: QueueItem[] = pendingOrgs.map((o) => ({ kind: 'organizations', item: o, what: o.name, detail: o.code, org: o }));
  const perOrg = await Promise.all(
    orgs.map(async (org) => {
      const [brandnames, numbers] = await Promise.all([
        get<Brandname[]>(`/organizations/${org.id}/brandnames`),
        get<NumberPage>(`/organizations/${org.id}/numbers${query({ status: 'pending', pageSize: 500 })}`),
      ]);
      const labels = new Map(brandnames.map((b) => [b.id, b.label]));
      return [
        ...brandnames
          .filter((b) => b.status === 'pending')
          .map((b): QueueItem => ({ kind: 'brandnames', item: b, what: `${b.label} / ${b.displayName}`, detail: b.callReason ?? '', org })),
        ...numbers.items.map((n: CallerNumber): QueueItem => ({
          kind: 'numbers',
          item: n,
          what: n.number,
          detail: labels.get(n.brandnameId) ?? '',
          org,
        })),
      ];
    }),
  );
  items.push(...perOrg.flat());
  return items.sort((a, b) => a.item.updatedAt.localeCompare(b.item.updatedAt));
}

export function ReviewQueuePage() {
  const queue = useLoad(loadQueue, []);
  const [success, setSuccess] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const userName = useUserName();
  const items = queue.data ?? [];

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Hàng chờ duyệt</h1>
      <p className="muted">Nguyên tắc bốn mắt: người đã gửi hoặc sửa lần cuối một mục không được tự duyệt mục đó. Cũ nhất ở trên cùng.</p>
      <Alert error={error ?? queue.error} success={success} />
      {queue.loading && !queue.data ? <p>Đang tải…</p> : null}
      {queue.data && items.length === 0 ? <p className="empty">Không có mục nào chờ duyệt.</p> : null}
      {items.length > 0 ? (
        <table className="table">
          <caption className="visually-hidden">Các mục chờ duyệt, cũ nhất trước</caption>
          <thead>
            <tr>
              <th scope="col">Loại</th>
              <th scope="col">Nội dung</th>
              <th scope="col">Cơ quan</th>
              <th scope="col">Người gửi</th>
              <th scope="col">Sửa lần cuối</th>
              <th scope="col">Thời điểm</th>
              <th scope="col">Thao tác</th>
            </tr>
          </thead>
          <tbody>
            {items.map((q) => (
              <tr key={`${q.kind}-${q.item.id}`} data-testid="queue-item">
                <td>{KIND_TITLE[q.kind]}</td>
                <td>
                  <strong>{q.what}</strong>
                  {q.detail ? <div className="muted">{q.detail}</div> : null}
                </td>
                <td>
                  <Link to={`/organizations/${q.org.id}`}>{q.org.code}</Link>
                </td>
                <td>{userName(q.item.submittedBy)}</td>
                <td>{userName(q.item.lastChangedBy)}</td>
                <td>{formatDateTime(q.item.updatedAt)}</td>
                <td>
                  <ReviewActions
                    kind={q.kind}
                    item={q.item}
                    subject={`${KIND_TITLE[q.kind]} ${q.what}`}
                    lifecycle={false}
                    onDone={(m) => {
                      setError(undefined);
                      setSuccess(m);
                      queue.reload();
                    }}
                    onError={(e) => {
                      setSuccess(null);
                      setError(e);
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
