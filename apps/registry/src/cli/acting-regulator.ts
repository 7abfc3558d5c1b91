import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { User } from '@app/database';
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
 * The CLI has no login: whoever can run it can reach the database anyway. It acts as the system actor
 * `cli:<os-user>` (no user row; the audit log names it so), or, with --as, as that named active regulator.
 */
@Injectable()
export class ActingRegulator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async context(username?: string): Promise<ActingContext> {
    const requestId = `cli-${randomUUID()}`;
    if (!username) {
      return { actor: { id: null, username: cliActorName(), role: 'regulator', organizationId: null, system: true }, requestId, ip: null };
    }
    const user = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('lower(u.username) = lower(:username)', { username })
      .getOne();
    if (!user) throw new DomainError('NOT_FOUND', `No user ${username}`);
    if (user.role !== 'regulator' || user.status !== 'active') {
      throw new DomainError('FORBIDDEN', `${user.username} is not an active regulator`);
    }
    return { actor: { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId }, requestId, ip: null };
  }
}
