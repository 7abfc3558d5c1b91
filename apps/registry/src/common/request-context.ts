import type { UserRole } from '@app/domain';

/** Who is acting, taken from the verified token; services never trust ids from the request body. */
export interface Actor {
  id: string;
  username: string;
  role: UserRole;
  organizationId: string | null;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string | null;
}
