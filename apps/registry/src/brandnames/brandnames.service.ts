import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, normalizeBrandname, NormalizedBrandname, toAsciiName } from '@app/domain';
import { Brandname, Organization } from '@app/database';
import { AuditService } from '../audit/audit.service';
import { assertCanManage, assertCanRead } from '../common/access';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { RegistryPublisher } from '../publishing/registry-publisher.service';
import { BrandnameDto, CreateBrandnameDto, UpdateBrandnameDto } from './dto/brandname.dto';

// Serialises the confusable check with the insert it guards (a look-alike could otherwise slip in between).
const BRANDNAME_NAMES_LOCK = 7_428_103;

@Injectable()
export class BrandnamesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
  ) {}

  async create(ctx: RequestContext, organizationId: string, dto: CreateBrandnameDto): Promise<BrandnameDto> {
    assertCanManage(ctx.actor, organizationId);
    return this.dataSource.transaction(async (em) => {
      const org = await em.findOneBy(Organization, { id: organizationId });
      if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
      if (org.status === 'revoked' || org.status === 'rejected') {
        throw new DomainError('INVALID_TRANSITION', `Organization ${org.code} is ${org.status}; it cannot register brandnames`);
      }
      const names = normalizeBrandname(dto, org.kind);
      await this.assertNotConfusable(em, organizationId, names, null);
      const brandname = em.create(Brandname, {
        organizationId,
        ...names,
        status: 'pending',
        submittedBy: ctx.actor.id,
        lastChangedBy: ctx.actor.id,
      });
      const saved = await this.save(em, brandname);
      const after = BrandnameDto.from(saved);
      await this.audit.record(em, ctx, { action: 'brandname.create', entityType: 'brandname', entityId: saved.id, after });
      return after;
    });
  }

  async list(actor: Actor, organizationId: string): Promise<BrandnameDto[]> {
    assertCanRead(actor, organizationId);
    const rows = await this.dataSource.getRepository(Brandname).find({ where: { organizationId }, order: { createdAt: 'ASC' } });
    return rows.map(BrandnameDto.from);
  }

  async get(actor: Actor, id: string): Promise<BrandnameDto> {
    const b = await this.dataSource.getRepository(Brandname).findOneBy({ id });
    if (!b) throw new DomainError('NOT_FOUND', 'No such brandname');
    assertCanRead(actor, b.organizationId);
    return BrandnameDto.from(b);
  }

  async update(ctx: RequestContext, id: string, dto: UpdateBrandnameDto): Promise<BrandnameDto> {
    return this.dataSource.transaction(async (em) => {
      const b = await lockRow(em, Brandname, id, 'brandname');
      assertCanManage(ctx.actor, b.organizationId);
      assertVersion(b.version, dto.version);
      if (b.status === 'revoked' || b.status === 'rejected') {
        throw new DomainError('INVALID_TRANSITION', `A ${b.status} brandname cannot be changed`);
      }
      const org = await em.findOneByOrFail(Organization, { id: b.organizationId });
      const before = BrandnameDto.from(b);
      const names = normalizeBrandname(
        {
          label: dto.label ?? b.label,
          displayName: dto.displayName ?? b.displayName,
          // An explicit null goes back to the derived form; omitted keeps an override, but a derived form
          // follows a new display name (else handsets without Unicode would keep showing the old name).
          displayNameAscii:
            dto.displayNameAscii !== undefined
              ? dto.displayNameAscii
              : b.displayNameAscii === toAsciiName(b.displayName) ? null : b.displayNameAscii,
          callReason: dto.callReason === undefined ? b.callReason : dto.callReason,
        },
        org.kind,
      );
      // Everything a handset shows is reviewed: label, both names and the call reason.
      const shownChanged =
        names.label !== b.label ||
        names.displayName !== b.displayName ||
        names.displayNameAscii !== b.displayNameAscii ||
        names.callReason !== b.callReason;
      if (shownChanged) await this.assertNotConfusable(em, b.organizationId, names, b.id);
      Object.assign(b, names, { lastChangedBy: ctx.actor.id });
      if (shownChanged && b.status !== 'pending') {
        // What handsets show changed: it is reviewed again, and not shown until then.
        Object.assign(b, { status: 'pending', statusReason: null, approvedAt: null, expiresAt: null });
      }
      const saved = await this.save(em, b);
      const after = BrandnameDto.from(saved);
      await this.audit.record(em, ctx, { action: 'brandname.update', entityType: 'brandname', entityId: id, before, after });
      await this.publisher.publish(em, { brandnameIds: [id] });
      return after;
    });
  }

  /** Refuses a name that looks like a live brandname of another organization (exact labels: the unique index). */
  private async assertNotConfusable(
    em: EntityManager,
    organizationId: string,
    names: NormalizedBrandname,
    selfId: string | null,
  ): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock($1)', [BRANDNAME_NAMES_LOCK]);
    const [clash] = await em.query(
      `SELECT b.label, o.code FROM brandnames b JOIN organizations o ON o.id = b.organization_id
        WHERE b.skeletons && $1::text[] AND b.organization_id <> $2 AND b.label_key <> $3
          AND b.status IN ('pending', 'active', 'suspended') AND ($4::uuid IS NULL OR b.id <> $4::uuid)
        LIMIT 1`,
      [names.skeletons, organizationId, names.labelKey, selfId],
    );
    if (clash) {
      throw new DomainError(
        'CONFUSABLE_NAME',
        `"${names.label}" / "${names.displayName}" looks like the brandname "${clash.label}" of organization ${clash.code}`,
      );
    }
  }

  private async save(em: EntityManager, b: Brandname): Promise<Brandname> {
    try {
      return await em.save(b);
    } catch (err) {
      if (uniqueViolation(err) !== null) throw new DomainError('DUPLICATE_LABEL', `The label "${b.label}" is already registered`);
      throw err;
    }
  }
}
