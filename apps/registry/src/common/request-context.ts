import type { UserRole } from '@app/domain';

/** Who is acting, taken from the verified token; services never trust ids from the request body. */
export interface Actor {
  id: string;
  username: string;
  role: UserRole;
  organizationId: string | null;
  /** A reset or generated password not yet changed: only the routes that change it answer. */
  passwordChangeRequired?: boolean;
  /** An enrolment token: the account must enrol a second factor; only the enrolment routes answer. */
  secondFactorEnrollment?: boolean;
}

export interface RequestContext {
  actor: Actor;
  requestId: string;
  ip: string | null;
}

/** A system actor with no user row: the CLI on the server, shown in the audit log as `cli:<os-user>`. */
export interface SystemActor {
  id: null;
  username: string;
  role: 'regulator';
  organizationId: null;
  system: true;
}

/** What the services the CLI calls accept: a user's request, or the system actor's. */
export interface ActingContext {
  actor: Actor | SystemActor;
  requestId: string;
  ip: string | null;
}
