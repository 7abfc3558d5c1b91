import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import type { ActingContext } from '../common/request-context';

/** The system actor's name for whoever runs the CLI: `cli:<os-user>` (64 characters at most, as audit stores it). */
export function cliActorName(): string {
  let name: string;
  try {
    name = userInfo().username;
  } catch {
    name = process.env.USER ?? 'unknown'; // a uid without a passwd entry (some containers)
  }
  return `cli:${name}`.slice(0, 64);
}

/**
 * The CLI is a person: it has no login, and always acts as the system actor `cli:<os-user>` (no user row; the
 * audit log names it so). It never acts as a named account: that would let a shell user be a second regulator.
 * Whoever runs it controls every account it creates or resets (account_controls).
 */
@Injectable()
export class ActingRegulator {
  context(): ActingContext {
    const requestId = `cli-${randomUUID()}`;
    return { actor: { id: null, username: cliActorName(), role: 'regulator', organizationId: null, system: true }, requestId, ip: null };
  }
}
