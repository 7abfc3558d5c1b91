import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import type { CreateProtectedNameProposal, ProtectedName, ProtectedNameProposal } from '../../api/types';
import { useLoad, useNotice } from '../../data';
import { DONE_TEXT } from './protected-names';

/** The list (searched, in force or removed), the waiting proposals, and the steps on them. */
export function useProtectedNames() {
  const [query, setQuery] = useState<{ q: string; status: ProtectedName['status'] }>({ q: '', status: 'active' });
  const names = useLoad(
    () => ok(client.GET('/v1/protected-names', { params: { query: { q: query.q || undefined, status: query.status } } })),
    [query.q, query.status],
  );
  const proposals = useLoad(() => ok(client.GET('/v1/protected-names/proposals', { params: { query: { status: 'pending' } } })), []);
  const notice = useNotice();

  const reload = () => {
    names.reload();
    proposals.reload();
  };

  /** A step on a waiting proposal; the refusal goes to the page's notice (and the caller, to keep a form open). */
  const decide = async (p: ProtectedNameProposal, step: 'approve' | 'reject' | 'withdraw', reason?: string) => {
    notice.clear();
    try {
      await ok(client.POST(`/v1/protected-names/proposals/{id}/${step}`, { ...byId(p.id), body: reason ? { reason } : {} }));
      notice.done(DONE_TEXT[step](p));
      reload();
    } catch (err) {
      notice.failed(err);
      throw err;
    }
  };

  const propose = async (body: CreateProtectedNameProposal) => {
    const p = await ok(client.POST('/v1/protected-names/proposals', { body }));
    notice.done(DONE_TEXT.proposed(p));
    reload();
    return p;
  };

  return { query, setQuery, names, proposals, notice, decide, propose };
}
