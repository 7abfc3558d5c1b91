import { useState } from 'react';
import { byId, client, ok } from '../../api/client';
import type { components } from '../../api/schema';
import type { Brandname, Organization } from '../../api/types';
import { useLoad, useNotice } from '../../data';
import { useSession } from '../../session-context';
import type { EditEndpoint } from './edit/edit-form';

/**
 * One organization's page: the organization and its brandnames, whether this user may edit them, and the
 * outcome of the last action (a success reloads the organization, its brandnames and its numbers).
 */
export function useOrganization(id: string) {
  const { me } = useSession();
  const org = useLoad(() => ok(client.GET('/v1/organizations/{id}', byId(id))), [id]);
  const brandnames = useLoad(() => ok(client.GET('/v1/organizations/{id}/brandnames', byId(id))), [id]);
  const notice = useNotice();
  const [numbersTick, setNumbersTick] = useState(0);
  const numbersChanged = () => setNumbersTick((t) => t + 1);
  const done = (message: string) => {
    notice.done(message);
    org.reload();
    brandnames.reload();
    numbersChanged();
  };
  return {
    org,
    brandnames,
    notice,
    done,
    failed: notice.failed,
    numbersTick,
    numbersChanged,
    canEdit: me.role === 'regulator' || (me.role === 'agency_admin' && me.organizationId === id),
  };
}

export type OrganizationFields = { name: string };

export const organizationEdits = (id: string): EditEndpoint<Organization, OrganizationFields> => ({
  read: () => ok(client.GET('/v1/organizations/{id}', byId(id))),
  save: (version, changes) => ok(client.PATCH('/v1/organizations/{id}', { ...byId(id), body: { version, ...changes } })),
});

export type BrandnameFields = Pick<Brandname, 'label' | 'displayName' | 'callReason'>;

export const brandnameEdits = (id: string): EditEndpoint<Brandname, BrandnameFields> => ({
  read: () => ok(client.GET('/v1/brandnames/{id}', byId(id))),
  save: (version, changes) => ok(client.PATCH('/v1/brandnames/{id}', { ...byId(id), body: { version, ...changes } })),
});

export const addBrandname = (orgId: string, body: components['schemas']['CreateBrandnameDto']) =>
  ok(client.POST('/v1/organizations/{id}/brandnames', { ...byId(orgId), body }));
