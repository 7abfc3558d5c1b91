import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import type { components } from '../../api/schema';
import type { Carrier } from '../../api/types';
import { useLoad, useNotice } from '../../data';

/** A key just created: shown once. */
export interface CreatedKey {
  carrier: string;
  key: string;
  prefix: string;
}

/** The carriers and their keys; creating a key shows it once, revoking one waits for a confirmation. */
export function useCarriers() {
  const carriers = useLoad(() => ok(client.GET('/v1/carriers')), []);
  const notice = useNotice();
  const [created, setCreated] = useState<CreatedKey | null>(null);
  const [confirmRevoke, setConfirmRevoke] = useState<string | null>(null);

  /** An action whose answer is the success message; either way the carriers are read again on success. */
  const run = async (fn: () => Promise<string>) => {
    notice.clear();
    try {
      notice.setSuccess(await fn());
      carriers.reload();
    } catch (err) {
      notice.setError(err);
    }
  };

  const createKey = (c: Carrier) =>
    run(async () => {
      const k = await ok(client.POST('/v1/carriers/{id}/api-keys', byId(c.id)));
      setCreated({ carrier: c.code, key: k.key, prefix: k.prefix });
      return `Đã tạo khóa API cho ${c.code}.`;
    });

  const revokeKey = (c: Carrier, keyId: string, prefix: string) =>
    run(async () => {
      await ok(client.DELETE('/v1/carriers/{id}/api-keys/{keyId}', { params: { path: { id: c.id, keyId } } }));
      setConfirmRevoke(null);
      return `Đã thu hồi khóa ${prefix}… của ${c.code}.`;
    });

  return { carriers, notice, created, setCreated, confirmRevoke, setConfirmRevoke, createKey, revokeKey, run };
}

export const createCarrier = (body: components['schemas']['CreateCarrierDto']) => ok(client.POST('/v1/carriers', { body }));
