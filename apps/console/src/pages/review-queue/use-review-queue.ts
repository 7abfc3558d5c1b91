import { useEffect, useState } from 'react';
import { client, ok } from '../../api/client';
import { takeReviewStep } from '../../api/review-steps';
import type { ReviewItem, ReviewKind } from '../../api/types';
import { useLoad, useNotice } from '../../data';
import { actionPath, bulkSummary, resultText, subjectOf } from '../../review-text';

const PAGE = 50;
/** An item can wait twice (a suspended item with a revision and a reinstatement request): the change is part of the key. */
export const keyOf = (i: { kind: string; id: string; change: string }) => `${i.kind}:${i.id}:${i.change}`;

/**
 * The whole queue from /v1/reviews/pending, oldest first, a page at a time, filtered by kind and organization;
 * the items chosen for bulk approval, and each step's outcome (a bulk approval's, item by item).
 */
export function useReviewQueue() {
  const [kind, setKind] = useState<ReviewKind | ''>('');
  const [organizationId, setOrganizationId] = useState('');
  const organizations = useLoad(() => ok(client.GET('/v1/organizations')), []);
  const [items, setItems] = useState<ReviewItem[] | null>(null);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [results, setResults] = useState<Array<{ text: string; ok: boolean }>>([]);
  const notice = useNotice();
  const [busy, setBusy] = useState(false);

  const load = async (after: string | null, keep: ReviewItem[]) => {
    try {
      const query = { kind: kind || undefined, organizationId: organizationId || undefined, limit: PAGE, cursor: after ?? undefined };
      const page = await ok(client.GET('/v1/reviews/pending', { params: { query } }));
      setItems([...keep, ...page.items]);
      setTotal(page.total);
      setCursor(page.nextCursor);
    } catch (err) {
      notice.setError(err);
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

  /** One item's approval or refusal; rejects when refused (a reason form stays open to retry). */
  const act = async (item: ReviewItem, action: 'approve' | 'reject', reason: string | undefined, message: string) => {
    try {
      await takeReviewStep(item.kind, item.id, actionPath(item.change, action), reason);
      setResults([]);
      notice.done(message);
      void reload();
    } catch (err) {
      notice.failed(err);
      throw err;
    }
  };

  const approveSelected = async () => {
    const chosen = (items ?? []).filter((i) => selected.has(keyOf(i)));
    setBusy(true);
    try {
      const body = { items: chosen.map((i) => ({ kind: i.kind, id: i.id, change: i.change })) };
      const { results: res } = await ok(client.POST('/v1/reviews/approve', { body }));
      notice.done(bulkSummary(res));
      // One result per item, in the order sent.
      setResults(
        res.map((r, n) => ({
          ok: r.ok,
          text: resultText({ change: chosen[n]?.change, ...r }, chosen[n] ? subjectOf(chosen[n]) : r.id),
        })),
      );
      await reload();
    } catch (err) {
      notice.failed(err);
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

  return {
    filters: { kind, setKind, organizationId, setOrganizationId, organizations: organizations.data ?? [] },
    items,
    total,
    more: cursor ? () => void load(cursor, items ?? []) : null,
    selected,
    toggle,
    approveSelected,
    busy,
    act,
    results,
    notice,
  };
}
