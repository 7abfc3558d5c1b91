import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertHoldingCarrierGiven,
  DomainError,
  editModeOf,
  FINAL_STATUSES,
  INITIAL_STATUS,
  normalizeRegistration,
  PolicyFields,
} from '@app/domain';
import { Brandname, CallerNumber, Carrier, Organization } from '@app/database';
import { assertCanManage, assertCanRead } from '../common/access';
import { uniqueViolation } from '../common/db-errors';
import { assertVersion, lockRow } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { NumberHoldingsService, toHoldingDto } from '../number-holdings/number-holdings.service';
import { ItemAuthors } from '../pipeline/item-authors';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ItemViews } from '../revisions/item-views';
import { markEdited, RevisionsService } from '../revisions/revisions.service';
import { CompetingClaimDto, CreateNumberDto, NumberDto, NumberPageDto, NumberQueryDto, UpdateNumberDto } from './dto/number.dto';

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
    const carriers = await carrierCodes(em);
    assertKnownHoldingCarrier(carriers, dto.holdingCarrier);
    const reg = normalizeRegistration(dto, carriers);
    if ((await liveElsewhere(em, organizationId, [reg.e164])).length) throw duplicate(reg.e164);
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
    const saved = await saveNumber(em, n);
    await this.holdings.request(em, [{ numberId: saved.id, carrierCode: dto.holdingCarrier ?? null }]);
    const after = NumberDto.from(saved, null);
    return { result: after, audit: { action: 'number.create', entityType: 'number', entityId: saved.id, after } };
  }

  async list(actor: Actor, organizationId: string, query: NumberQueryDto): Promise<NumberPageDto> {
    assertCanRead(actor, organizationId);
    return this.dataSource.transaction((em) => this.listIn(em, actor, organizationId, query));
  }

  private async listIn(em: EntityManager, actor: Actor, organizationId: string, query: NumberQueryDto): Promise<NumberPageDto> {
    const where = { organizationId, ...(query.status ? { status: query.status } : {}) };
    const [rows, total] = await em.getRepository(CallerNumber).findAndCount({
      where,
      order: { createdAt: 'ASC', id: 'ASC' },
      skip: (query.page - 1) * query.pageSize,
      take: query.pageSize,
    });
    const items = await this.toDtos(em, actor, rows);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<NumberDto> {
    return this.dataSource.transaction(async (em) => {
      const n = await em.findOneBy(CallerNumber, { id });
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
      load: (em) => lockRow(em, CallerNumber, id, 'number'),
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
      await carrierCodes(em),
    );
    const proposed = policyFields({
      ...reg,
      brandnameId: dto.brandnameId ?? n.brandnameId,
      evidence: dto.evidence === undefined ? n.evidence : dto.evidence,
    });
    const live = policyFields(n);
    const plan = await this.revisions.plan(em, 'number', n, live, proposed);
    if (n.status === 'pending') n.reviewAuthors = await this.authors.edited(em, n, ctx.actor);
    assignFields(n, plan.apply);
    markEdited(n, ctx.actor.id, plan);
    const saved = await saveNumber(em, n);
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
      await carrierCodes(em),
    );
    assignFields(n, changes);
    return saveNumber(em, n);
  }

  async assertOrganizationOpen(em: EntityManager, organizationId: string): Promise<Organization> {
    const org = await em.findOneBy(Organization, { id: organizationId });
    if (!org) throw new DomainError('NOT_FOUND', 'No such organization');
    if (FINAL_STATUSES.includes(org.status)) {
      throw new DomainError('INVALID_TRANSITION', `Organization ${org.code} is ${org.status}; it cannot register numbers`);
    }
    return org;
  }

  /** DTOs with their pending revisions; regulators and auditors also see competing claims of other organizations. */
  private async toDtos(em: EntityManager, actor: Actor, rows: CallerNumber[]): Promise<NumberDto[]> {
    const views = await this.views.of(em, actor, 'number', rows, (n) => n.organizationId, NumberDto.from);
    const claims = actor.role === 'agency_admin' ? null : await competingClaims(em, rows);
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

/** Numbers among `e164s` that are live (active or suspended) in another organization. */
export async function liveElsewhere(em: EntityManager, organizationId: string, e164s: string[]): Promise<string[]> {
  if (e164s.length === 0) return [];
  const rows = await em.query(
    `SELECT e164 FROM caller_numbers WHERE e164 = ANY($1) AND organization_id <> $2 AND status IN ('active', 'suspended')`,
    [e164s, organizationId],
  );
  return rows.map((r: { e164: string }) => r.e164);
}

/** The holding carrier must be a carrier of the registry. */
export function assertKnownHoldingCarrier(carriers: ReadonlySet<string>, code: string | null | undefined): void {
  if (code && !carriers.has(code)) {
    throw new DomainError('INVALID_ORIGIN', `Unknown carrier code in holdingCarrier: ${code}`, {
      fields: [{ field: 'holdingCarrier', message: 'unknown carrier code', code: 'INVALID_ORIGIN' }],
    });
  }
}

export function duplicate(e164: string): DomainError {
  return new DomainError('DUPLICATE_NUMBER', `${e164} is already registered`);
}

/** Other organizations' claims on the same numbers that are not final (pending, active or suspended). */
async function competingClaims(em: EntityManager, rows: CallerNumber[]): Promise<Map<string, CompetingClaimDto[]>> {
  if (rows.length === 0) return new Map();
  const found: Array<{ self: string; id: string; organization_id: string; status: string }> = await em.query(
    `SELECT s.id AS self, c.id, c.organization_id, c.status
       FROM caller_numbers s JOIN caller_numbers c ON c.e164 = s.e164 AND c.organization_id <> s.organization_id
      WHERE s.id = ANY($1) AND c.status IN ('pending', 'active', 'suspended')
      ORDER BY c.created_at, c.id`,
    [rows.map((n) => n.id)],
  );
  const map = new Map<string, CompetingClaimDto[]>();
  for (const f of found) {
    map.set(f.self, [...(map.get(f.self) ?? []), { numberId: f.id, organizationId: f.organization_id, status: f.status as never }]);
  }
  return map;
}

/** One claim per organization (and one live row per number) are unique indexes; either is DUPLICATE_NUMBER. */
export async function saveNumber(em: EntityManager, n: CallerNumber): Promise<CallerNumber> {
  try {
    return await em.save(n);
  } catch (err) {
    if (uniqueViolation(err) !== null) throw duplicate(n.e164);
    throw err;
  }
}

function pick(sent: string | null | undefined, current: Date | null): string | null {
  if (sent === undefined) return current ? current.toISOString() : null;
  return sent;
}
