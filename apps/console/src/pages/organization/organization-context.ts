import { createContext, useContext } from 'react';

/** What every part of an organization's page shares: who may edit, the open edit form, and each action's outcome. */
export interface OrganizationPageState {
  canEdit: boolean;
  /** The organization's or a brandname's id whose edit form is open: one at a time. */
  editing: string | null;
  setEditing: (id: string | null) => void;
  /** A success, said on the page; the organization, its brandnames and its numbers are read again. */
  onDone: (message: string) => void;
  /** A refusal, said on the page. */
  onError: (err: unknown) => void;
}

export const OrganizationPageContext = createContext<OrganizationPageState | null>(null);

export function useOrganizationPage(): OrganizationPageState {
  const state = useContext(OrganizationPageContext);
  if (!state) throw new Error('useOrganizationPage outside OrganizationPage');
  return state;
}
