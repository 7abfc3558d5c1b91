import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DomainError } from '@app/domain';
import { Organization, User } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { uniqueViolation } from '../common/db-errors';
import type { RequestContext } from '../common/request-context';
import { CreateUserDto, UserDto } from './dto/user.dto';

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(ctx: RequestContext, dto: CreateUserDto): Promise<UserDto> {
    if ((dto.role === 'agency_admin') !== Boolean(dto.organizationId)) {
      throw new DomainError('VALIDATION_FAILED', 'organizationId is required for agency_admin and refused for other roles', {
        fields: [{ field: 'organizationId', message: 'required exactly when role is agency_admin' }],
      });
    }
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (em) => {
      if (dto.organizationId && !(await em.existsBy(Organization, { id: dto.organizationId }))) {
        throw new DomainError('NOT_FOUND', 'No such organization');
      }
      try {
        const user = await em.save(
          em.create(User, { username: dto.username, passwordHash, role: dto.role, organizationId: dto.organizationId ?? null }),
        );
        const after = UserDto.from(user);
        await this.audit.record(em, ctx, { action: 'user.create', entityType: 'user', entityId: user.id, after });
        return after;
      } catch (err) {
        if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_USERNAME', `Username ${dto.username} is taken`);
        throw err;
      }
    });
  }

  async list(): Promise<UserDto[]> {
    return (await this.dataSource.getRepository(User).find({ order: { createdAt: 'ASC' } })).map(UserDto.from);
  }
}
