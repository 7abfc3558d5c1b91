import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import type { components } from '../../api/schema';
import type { CreatedInvitation, Invitation } from '../../api/types';
import { useLoad, useNotice } from '../../data';

/** The invitations, the one just created (its token is shown once), and revocation. */
export function useInvitations() {
  const invitations = useLoad(() => ok(client.GET('/v1/invitations')), []);
  const notice = useNotice();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const revoke = async (i: Invitation) => {
    try {
      await ok(client.POST('/v1/invitations/{id}/revoke', byId(i.id)));
      notice.done(`Đã thu hồi lời mời ${i.organizationCode}.`);
      invitations.reload();
    } catch (err) {
      notice.setError(err);
    }
  };

  const createdOne = (c: CreatedInvitation) => {
    setCreated(c);
    notice.clear();
    invitations.reload();
  };

  return { invitations, notice, created, setCreated, revoke, createdOne };
}

export const createInvitation = (body: components['schemas']['CreateInvitationDto']) => ok(client.POST('/v1/invitations', { body }));
