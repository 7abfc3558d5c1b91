import { DomainError } from '@app/domain';
import type { Actor } from './request-context';

/** Regulators and auditors see every organization; an agency admin only its own. */
export function assertCanRead(actor: Actor, organizationId: string): void {
  if (actor.role === 'agency_admin' && actor.organizationId !== organizationId) {
    throw new DomainError('FORBIDDEN', 'You can only see your own organization');
  }
}

/** Regulators manage every organization's items; an agency admin only its own; auditors nothing. */
export function assertCanManage(actor: Pick<Actor, 'role' | 'organizationId'>, organizationId: string): void {
  if (actor.role === 'regulator') return;
  if (actor.role === 'agency_admin' && actor.organizationId === organizationId) return;
  throw new DomainError('FORBIDDEN', 'You can only manage your own organization');
}
