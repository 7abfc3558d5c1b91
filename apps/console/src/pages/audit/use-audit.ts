import { useEffect, useState } from 'react';
import { client, ok } from '../../api/client';
import { saveBlob } from '../../api/files';
import type { paths } from '../../api/schema';
import type { AuditEvent, AuditVerification } from '../../api/types';
import { whileBusy } from '../../data';
import { vietnamLocalToIso } from '../../labels';

export interface Filters {
  entityType: string;
  actorId: string;
  from: string;
  to: string;
}

export const EMPTY: Filters = { entityType: '', actorId: '', from: '', to: '' };

type AuditQuery = NonNullable<paths['/v1/audit-events']['get']['parameters']['query']>;

/** Filters as the API reads them (the form's times are Vietnam time; an empty filter is no filter). */
const apiFilters = (f: Filters) => ({
  entityType: (f.entityType || undefined) as AuditQuery['entityType'],
  actorId: f.actorId,
  from: vietnamLocalToIso(f.from),
  to: vietnamLocalToIso(f.to),
});

/**
 * The audit log, newest first, filtered and a page at a time; its CSV export (the whole filtered range, as the
 * registry writes it) and the check of its hash chain.
 */
export function useAudit() {
  const [filters, setFilters] = useState<Filters>(EMPTY);
  const [events, setEvents] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);

  const load = async (f: Filters, after: string | null) => {
    setLoading(true);
    setError(undefined);
    try {
      const query = { ...apiFilters(f), cursor: after ?? undefined, limit: 50 };
      const page = await ok(client.GET('/v1/audit-events', { params: { query } }));
      setEvents((prev) => (after ? [...prev, ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load(filters, null);
  }, [filters]);

  /** While `flag` is set, `work` runs; its refusal is the page's error. */
  const busyWith = (flag: (on: boolean) => void, work: () => Promise<void>) => {
    setError(undefined);
    return whileBusy(flag, work, setError);
  };

  const exportCsv = () =>
    busyWith(setExporting, async () => {
      const query = apiFilters(filters);
      saveBlob(await ok(client.GET('/v1/audit-events/export', { params: { query }, parseAs: 'blob' })), 'nhat-ky.csv');
    });

  const verify = () => {
    setVerification(null);
    return busyWith(setVerifying, async () => setVerification(await ok(client.GET('/v1/audit-events/verify'))));
  };

  return {
    filters,
    setFilters,
    events,
    more: cursor ? () => load(filters, cursor) : null,
    loading,
    error,
    exportCsv,
    exporting,
    verify,
    verifying,
    verification,
  };
}
