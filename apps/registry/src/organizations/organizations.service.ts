import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, normalizeDisplayName } from '@app/domain';
import { Organization } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { assertCanRead } from '../common/access';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { CreateOrganizationDto, OrganizationDto, OrganizationQueryDto, UpdateOrganizationDto } from './dto/organization.dto';

const LEGAL_NAME_LIMITS = { minLength: 2, maxLength: 64 };

@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
  ) {}

  async create(ctx: RequestContext, dto: CreateOrganizationDto): Promise<OrganizationDto> {
    const name = normalizeLegalName(dto.name);
    return this.dataSource.transaction(async (em) => {
      if (dto.parentId) await this.mustExist(em, dto.parentId, 'parent organization');
      try {
        const org = await em.save(
          em.create(Organization, {
            code: dto.code.toUpperCase(),
            name,
            kind: dto.kind,
            parentId: dto.parentId ?? null,
            rolloutWave: dto.rolloutWave ?? null,
            status: 'pending',
            submittedBy: ctx.actor.id,
            lastChangedBy: ctx.actor.id,
          }),
        );
        const after = OrganizationDto.from(org);
        await this.audit.record(em, ctx, { action: 'organization.create', entityType: 'organization', entityId: org.id, after });
        return after;
      } catch (err) {
        if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_CODE', `Organization code ${dto.code.toUpperCase()} is taken`);
        throw err;
      }
    });
  }

  async list(actor: Actor, query: OrganizationQueryDto): Promise<OrganizationDto[]> {
    const qb = this.dataSource.getRepository(Organization).createQueryBuilder('o').orderBy('o.created_at', 'ASC');
    if (actor.role === 'agency_admin') qb.andWhere('o.id = :id', { id: actor.organizationId });
    if (query.status) qb.andWhere('o.status = :status', { status: query.status });
    return (await qb.getMany()).map(OrganizationDto.from);
  }

  async get(actor: Actor, id: string): Promise<OrganizationDto> {
    assertCanRead(actor, id);
    const org = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
    return OrganizationDto.from(org);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateOrganizationDto): Promise<OrganizationDto> {
    return this.dataSource.transaction(async (em) => {
      const org = await lockRow(em, Organization, id, 'organization');
      assertVersion(org.version, dto.version);
      if (org.status === 'revoked') throw new DomainError('INVALID_TRANSITION', 'A revoked organization cannot be changed');
      const before = OrganizationDto.from(org);
      if (dto.name !== undefined) {
        const name = normalizeLegalName(dto.name);
        // The legal name is what carriers show beside the brand: a new one is reviewed again.
        if (name !== org.name && org.status !== 'pending') org.status = 'pending';
        org.name = name;
      }
      if (dto.parentId !== undefined) {
        if (dto.parentId !== null) await this.assertNoCycle(em, id, dto.parentId);
        org.parentId = dto.parentId;
      }
      if (dto.rolloutWave !== undefined) org.rolloutWave = dto.rolloutWave;
      org.lastChangedBy = ctx.actor.id;
      const saved = await em.save(org);
      const after = OrganizationDto.from(saved);
      await this.audit.record(em, ctx, { action: 'organization.update', entityType: 'organization', entityId: id, before, after });
      await this.publisher.publish(em, { organizationIds: [id] });
      return after;
    });
  }

  private async mustExist(em: EntityManager, id: string, what: string): Promise<Organization> {
    const org = await em.findOneBy(Organization, { id });
    if (!org) throw new DomainError('NOT_FOUND', `No such ${what}`);
    return org;
  }

  private async assertNoCycle(em: EntityManager, id: string, parentId: string): Promise<void> {
    for (let cursor: string | null = parentId; cursor; ) {
      if (cursor === id) throw new DomainError('VALIDATION_FAILED', 'An organization cannot be its own ancestor');
      cursor = (await this.mustExist(em, cursor, 'parent organization')).parentId;
    }
  }
}

function normalizeLegalName(name: string): string {
  try {
    return normalizeDisplayName(name, LEGAL_NAME_LIMITS);
  } catch (err) {
    if (err instanceof DomainError) throw new DomainError('VALIDATION_FAILED', err.message.replace(/^displayName/, 'name'));
    throw err;
  }
}
