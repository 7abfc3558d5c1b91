import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, normalizeRegistration } from '@app/domain';
import { Brandname, CallerNumber, Carrier, Organization } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { assertCanManage, assertCanRead } from '../common/access';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { CreateNumberDto, NumberDto, NumberPageDto, NumberQueryDto, UpdateNumberDto } from './dto/number.dto';

@Injectable()
export class NumbersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
  ) {}

  async create(ctx: RequestContext, organizationId: string, dto: CreateNumberDto): Promise<NumberDto> {
    assertCanManage(ctx.actor, organizationId);
    return this.dataSource.transaction(async (em) => {
      await this.assertOrganizationOpen(em, organizationId);
      await this.brandnameOf(em, organizationId, dto.brandnameId);
      const reg = normalizeRegistration(dto, await carrierCodes(em));
      const n = em.create(CallerNumber, {
        e164: reg.e164,
        numberType: reg.type,
        organizationId,
        brandnameId: dto.brandnameId,
        direction: reg.direction,
        allowedOrigins: reg.allowedOrigins,
        validFrom: reg.validFrom,
        validTo: reg.validTo,
        evidence: dto.evidence ?? null,
        status: 'pending',
        submittedBy: ctx.actor.id,
        lastChangedBy: ctx.actor.id,
      });
      const saved = await saveNumber(em, n);
      const after = NumberDto.from(saved);
      await this.audit.record(em, ctx, { action: 'number.create', entityType: 'number', entityId: saved.id, after });
      return after;
    });
  }

  async list(actor: Actor, organizationId: string, query: NumberQueryDto): Promise<NumberPageDto> {
    assertCanRead(actor, organizationId);
    const where = { organizationId, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await this.dataSource.getRepository(CallerNumber).findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    return { items: rows.map(NumberDto.from), total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<NumberDto> {
    const n = await this.dataSource.getRepository(CallerNumber).findOneBy({ id });
    if (!n) throw new DomainError('NOT_FOUND', 'No such number');
    assertCanRead(actor, n.organizationId);
    return NumberDto.from(n);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateNumberDto): Promise<NumberDto> {
    return this.dataSource.transaction(async (em) => {
      const n = await lockRow(em, CallerNumber, id, 'number');
      assertCanManage(ctx.actor, n.organizationId);
      assertVersion(n.version, dto.version);
      if (n.status === 'revoked' || n.status === 'rejected') {
        throw new DomainError('INVALID_TRANSITION', `A ${n.status} number cannot be changed`);
      }
      const before = NumberDto.from(n);
      if (dto.brandnameId !== undefined) await this.brandnameOf(em, n.organizationId, dto.brandnameId);
      const reg = normalizeRegistration(
        {
          number: n.e164,
          direction: dto.direction ?? n.direction,
          allowedOrigins: dto.allowedOrigins ?? n.allowedOrigins,
          validFrom: pick(dto.validFrom, n.validFrom),
          validTo: pick(dto.validTo, n.validTo),
        },
        await carrierCodes(em),
      );
      // Which name shows, and whether the number may place calls at all, are reviewed again.
      const reviewAgain = (dto.brandnameId ?? n.brandnameId) !== n.brandnameId || reg.direction !== n.direction;
      Object.assign(n, {
        brandnameId: dto.brandnameId ?? n.brandnameId,
        direction: reg.direction,
        allowedOrigins: reg.allowedOrigins,
        validFrom: reg.validFrom,
        validTo: reg.validTo,
        evidence: dto.evidence === undefined ? n.evidence : dto.evidence,
        lastChangedBy: ctx.actor.id,
      });
      if (reviewAgain && n.status !== 'pending') Object.assign(n, { status: 'pending', statusReason: null });
      const saved = await saveNumber(em, n);
      const after = NumberDto.from(saved);
      await this.audit.record(em, ctx, { action: 'number.update', entityType: 'number', entityId: id, before, after });
      await this.publisher.publish(em, { e164s: [n.e164] });
      return after;
    });
  }

  async assertOrganizationOpen(em: EntityManager, organizationId: string): Promise<Organization> {
    const org = await em.findOneBy(Organization, { id: organizationId });
    if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
    if (org.status === 'revoked' || org.status === 'rejected') {
      throw new DomainError('INVALID_TRANSITION', `Organization ${org.code} is ${org.status}; it cannot register numbers`);
    }
    return org;
  }

  private async brandnameOf(em: EntityManager, organizationId: string, brandnameId: string): Promise<Brandname> {
    const b = await em.findOneBy(Brandname, { id: brandnameId });
    if (!b || b.organizationId !== organizationId) {
      throw new DomainError('NOT_FOUND', 'No such brandname in this organization');
    }
    if (b.status === 'revoked' || b.status === 'rejected') {
      throw new DomainError('INVALID_TRANSITION', `Brandname "${b.label}" is ${b.status}`);
    }
    return b;
  }
}

export async function carrierCodes(em: EntityManager): Promise<Set<string>> {
  const rows = await em.find(Carrier, { select: { code: true } });
  return new Set(rows.map((c) => c.code));
}

async function saveNumber(em: EntityManager, n: CallerNumber): Promise<CallerNumber> {
  try {
    return await em.save(n);
  } catch (err) {
    if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_NUMBER', `${n.e164} is already registered`);
    throw err;
  }
}

function pick(sent: string | null | undefined, current: Date | null): string | null {
  if (sent === undefined) return current ? current.toISOString() : null;
  return sent;
}
