import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { User } from '@app/database';
import type { RequestContext } from '../common/request-context';

/**
 * The CLI has no login: whoever can run it can reach the database anyway. It still acts as a named, active
 * regulator so every change it makes is attributed in the audit log like an API request.
 */
@Injectable()
export class ActingRegulator {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async context(username?: string): Promise<RequestContext> {
    const qb = this.dataSource.getRepository(User).createQueryBuilder('u');
    if (username) qb.where('lower(u.username) = lower(:username)', { username });
    else qb.where(`u.role = 'regulator' AND u.status = 'active'`).orderBy('u.created_at', 'ASC').addOrderBy('u.id', 'ASC');
    const user = await qb.getOne();
    if (!user) {
      throw new DomainError(
        'NOT_FOUND',
        username ? `No user ${username}` : 'No active regulator yet; start the registry once to create the bootstrap regulator',
      );
    }
    if (user.role !== 'regulator' || user.status !== 'active') {
      throw new DomainError('FORBIDDEN', `${user.username} is not an active regulator`);
    }
    return {
      actor: { id: user.id, username: user.username, role: user.role, organizationId: user.organizationId },
      requestId: `cli-${randomUUID()}`,
      ip: null,
    };
  }
}
