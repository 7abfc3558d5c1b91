import { useState } from 'react';
import { byId, client, ok } from '../../../api/client';
import type { components } from '../../../api/schema';
import type { CallerNumber } from '../../../api/types';
import { useLoad } from '../../../data';
import type { EditEndpoint } from '../edit/edit-form';

export const PAGE_SIZE = 20;

/** An organization's numbers, filtered by status and paged; `tick` reloads them after a change elsewhere. */
export function useNumbers(orgId: string, tick: number) {
  const [status, setStatus] = useState('');
  const [page, setPage] = useState(1);
  const numbers = useLoad(
    () =>
      ok(
        client.GET('/v1/organizations/{id}/numbers', {
          params: {
            path: { id: orgId },
            query: { status: (status || undefined) as CallerNumber['status'] | undefined, page, pageSize: PAGE_SIZE },
          },
        }),
      ),
    [orgId, status, page, tick],
  );
  const data = numbers.data;
  return {
    numbers,
    status,
    /** A new filter starts again at the first page. */
    filter: (next: string) => {
      setStatus(next);
      setPage(1);
    },
    page,
    setPage,
    pages: data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1,
  };
}

export const addNumber = (orgId: string, body: components['schemas']['CreateNumberDto']) =>
  ok(client.POST('/v1/organizations/{id}/numbers', { ...byId(orgId), body }));

export type NumberFields = Pick<CallerNumber, 'direction' | 'allowedOrigins' | 'validFrom' | 'validTo' | 'evidence'>;

export const numberEdits = (id: string): EditEndpoint<CallerNumber, NumberFields> => ({
  read: () => ok(client.GET('/v1/numbers/{id}', byId(id))),
  save: (version, changes) => ok(client.PATCH('/v1/numbers/{id}', { ...byId(id), body: { version, ...changes } })),
});

/** The carriers a number may name as allowed origins. */
export const carrierDirectory = () => ok(client.GET('/v1/carriers/directory'));
