import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertBrandnameUsable,
  assertHoldingCarrierGiven,
  assertOrganizationOpen,
  DomainError,
  editModeOf,
  INITIAL_STATUS,
  normalizeRegistration,
  PolicyFields,
} from '@app/domain';
import { CallerNumber, Organization } from '@app/database';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { CarriersRepository } from '../carriers/carriers.repository';
import { assertCanManage, assertCanRead } from '../common/access';
import { assertVersion } from '../common/locking';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { Actor, RequestContext } from '../common/request-context';
import { NumberHoldingsService, toHoldingDto } from '../number-holdings/number-holdings.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ItemViews } from '../revisions/item-views';
import { markEdited, RevisionsService } from '../revisions/revisions.service';
import { CompetingClaimDto, CreateNumberDto, NumberDto, NumberPageDto, NumberQueryDto, UpdateNumberDto } from './dto/number.dto';
import { duplicateNumber, NumbersRepository } from './numbers.repository';

interface NumberValues {
  brandnameId: string;
  direction: string;
  allowedOrigins: string[];
  validFrom: Date | null;
  validTo: Date | null;
  evidence: string | null;
}

/** The fields the review policy governs, as it compares them (dates as ISO strings, origins sorted). */
function policyFields(n: NumberValues): PolicyFields {
  return {
    brandnameId: n.brandnameId,
    direction: n.direction,
    allowedOrigins: [...n.allowedOrigins].sort(),
    validFrom: n.validFrom ? n.validFrom.toISOString() : null,
    validTo: n.validTo ? n.validTo.toISOString() : null,
    evidence: n.evidence,
  };
}

/** Policy values back onto the entity. */
function assignFields(n: CallerNumber, fields: Record<string, unknown>): void {
  for (const [field, value] of Object.entries(fields)) {
    const v = field === 'validFrom' || field === 'validTo' ? (value === null ? null : new Date(value as string)) : value;
    Object.assign(n, { [field]: v });
  }
}

@Injectable()
export class NumbersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly views: ItemViews,
    private readonly revisions: RevisionsService,
    private readonly holdings: NumberHoldingsService,
    private readonly numbers: NumbersRepository,
    private readonly brandnames: BrandnamesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly carriers: CarriersRepository,
  ) {}

  /**
   * A registration is a claim: pending until a second person approves it. A number live in another organization
   * is refused; a pending claim elsewhere is not (it must not let a squatter block the real owner), and the
   * regulator sees the competing claims. Messages never name another organization.
   */
  async create(ctx: RequestContext, organizationId: string, dto: CreateNumberDto): Promise<NumberDto> {
    assertCanManage(ctx.actor, organizationId);
    assertHoldingCarrierGiven(ctx.actor.role, dto.holdingCarrier);
    return this.pipeline.run(ctx, {
      load: (em) => this.assertOrganizationOpen(em, organizationId),
      apply: (em) => this.register(em, ctx, organizationId, dto),
    });
  }

  private async register(em: EntityManager, ctx: RequestContext, organizationId: string, dto: CreateNumberDto) {
    await this.brandnameOf(em, organizationId, dto.brandnameId);
    const carriers = await this.carriers.codes(em);
    assertKnownHoldingCarrier(carriers, dto.holdingCarrier);
    const reg = normalizeRegistration(dto, carriers);
    if ((await this.numbers.liveElsewhere(em, organizationId, [reg.e164])).length) throw duplicateNumber(reg.e164);
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
      status: INITIAL_STATUS,
      submittedBy: ctx.actor.id,
      lastChangedBy: ctx.actor.id,
      reviewAuthors: [await this.authors.author(em, ctx.actor, 'submitted')],
    });
    const saved = await this.numbers.save(em, n);
    await this.holdings.request(em, [{ numberId: saved.id, carrierCode: dto.holdingCarrier ?? null }]);
    const after = NumberDto.from(saved, null);
    return { result: after, audit: { action: 'number.create', entityType: 'number', entityId: saved.id, after } };
  }

  async list(actor: Actor, organizationId: string, query: NumberQueryDto): Promise<NumberPageDto> {
    assertCanRead(actor, organizationId);
    return this.dataSource.transaction((em) => this.listIn(em, actor, organizationId, query));
  }

  private async listIn(em: EntityManager, actor: Actor, organizationId: string, query: NumberQueryDto): Promise<NumberPageDto> {
    const [rows, total] = await this.numbers.page(em, organizationId, query.status, query.page, query.pageSize);
    const items = await this.toDtos(em, actor, rows);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<NumberDto> {
    return this.dataSource.transaction(async (em) => {
      const n = await this.numbers.find(em, id);
      if (!n) throw new DomainError('NOT_FOUND', 'No such number');
      assertCanRead(actor, n.organizationId);
      return (await this.toDtos(em, actor, [n]))[0];
    });
  }

  /**
   * By the review policy: narrowing changes (an origin removed, a shorter window) and evidence apply at once;
   * a new brandname or direction, an added or cleared origin, a wider or cleared window wait in a revision
   * while the approved values keep answering. A pending number is edited in place.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateNumberDto): Promise<NumberDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.numbers.lock(em, id),
      authorize: (n) => {
        assertCanManage(ctx.actor, n.organizationId);
        assertVersion(n.version, dto.version);
        editModeOf(n.status);
      },
      apply: (em, n) => this.edit(em, ctx, n, dto),
    });
  }

  private async edit(em: EntityManager, ctx: RequestContext, n: CallerNumber, dto: UpdateNumberDto) {
    const id = n.id;
    const before = NumberDto.from(n, await this.revisions.pendingDto(em, 'number', id));
    if (dto.brandnameId !== undefined) await this.brandnameOf(em, n.organizationId, dto.brandnameId);
    const reg = normalizeRegistration(
      {
        number: n.e164,
        direction: dto.direction ?? n.direction,
        allowedOrigins: dto.allowedOrigins ?? n.allowedOrigins,
        validFrom: pick(dto.validFrom, n.validFrom),
        validTo: pick(dto.validTo, n.validTo),
      },
      await this.carriers.codes(em),
    );
    const proposed = policyFields({
      ...reg,
      brandnameId: dto.brandnameId ?? n.brandnameId,
      evidence: dto.evidence === undefined ? n.evidence : dto.evidence,
    });
    const live = policyFields(n);
    const plan = await this.revisions.plan(em, 'number', n, live, proposed);
    if (editModeOf(n.status) === 'draft') n.reviewAuthors = await this.authors.edited(em, n, ctx.actor);
    assignFields(n, plan.apply);
    markEdited(n, ctx.actor.id, plan);
    const saved = await this.numbers.save(em, n);
    // A narrowing of origins waits in the revision, and answers none (not block) for what it removes meanwhile.
    const pending = await this.revisions.hold(em, ctx, 'number', id, plan, live);
    const after = NumberDto.from(saved, pending);
    return {
      result: after,
      audit: { action: 'number.update', entityType: 'number', entityId: id, before, after },
      publish: { e164s: [n.e164] },
    };
  }

  /** Applies an approved revision, checked again against today's brandnames and carriers. */
  async applyRevision(em: EntityManager, n: CallerNumber, changes: Record<string, unknown>): Promise<CallerNumber> {
    const merged = { ...policyFields(n), ...changes } as Record<string, unknown>;
    await this.brandnameOf(em, n.organizationId, merged.brandnameId as string);
    normalizeRegistration(
      {
        number: n.e164,
        direction: merged.direction as string,
        allowedOrigins: merged.allowedOrigins as string[],
        validFrom: merged.validFrom as string | null,
        validTo: merged.validTo as string | null,
      },
      await this.carriers.codes(em),
    );
    assignFields(n, changes);
    return this.numbers.save(em, n);
  }

  async assertOrganizationOpen(em: EntityManager, organizationId: string): Promise<Organization> {
    const org = await this.organizations.mustFind(em, organizationId);
    assertOrganizationOpen(org, 'numbers');
    return org;
  }

  /** DTOs with their pending revisions; regulators and auditors also see competing claims of other organizations. */
  private async toDtos(em: EntityManager, actor: Actor, rows: CallerNumber[]): Promise<NumberDto[]> {
    const views = await this.views.of(em, actor, 'number', rows, (n) => n.organizationId, NumberDto.from);
    const claims = actor.role === 'agency_admin' ? null : await this.competingClaims(em, rows);
    const holdings = await this.holdings.map(
      em,
      rows.map((n) => n.id),
    );
    return rows.map((n, i) => ({
      ...views[i],
      holding: toHoldingDto(holdings.get(n.id)),
      ...(claims ? { competingClaims: claims.get(n.id) ?? [] } : {}),
    }));
  }

  private async brandnameOf(em: EntityManager, organizationId: string, brandnameId: string): Promise<void> {
    assertBrandnameUsable(await this.brandnames.find(em, brandnameId), organizationId);
  }

  /** Other organizations' claims on the same numbers that are not final (pending, active or suspended). */
  private async competingClaims(em: EntityManager, rows: CallerNumber[]): Promise<Map<string, CompetingClaimDto[]>> {
    const map = new Map<string, CompetingClaimDto[]>();
    for (const c of await this.numbers.competingClaims(
      em,
      rows.map((n) => n.id),
    )) {
      map.set(c.self, [...(map.get(c.self) ?? []), { numberId: c.numberId, organizationId: c.organizationId, status: c.status }]);
    }
    return map;
  }
}

/** The holding carrier must be a carrier of the registry. */
export function assertKnownHoldingCarrier(carriers: ReadonlySet<string>, code: string | null | undefined): void {
  if (code && !carriers.has(code)) {
    throw new DomainError('INVALID_ORIGIN', `Unknown carrier code in holdingCarrier: ${code}`, {
      fields: [{ field: 'holdingCarrier', message: 'unknown carrier code', code: 'INVALID_ORIGIN' }],
    });
  }
}

function pick(sent: string | null | undefined, current: Date | null): string | null {
  if (sent === undefined) return current ? current.toISOString() : null;
  return sent;
}
