import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertProtectedNamesAllowed,
  DomainError,
  editModeOf,
  assertOrganizationOpen,
  INITIAL_STATUS,
  labelExpiry,
  normalizeBrandname,
  PolicyFields,
  ReviewAction,
  toAsciiName,
} from '@app/domain';
import { Brandname } from '@app/database';
import { assertCanManage, assertCanRead } from '../common/access';
import { assertVersion } from '../common/locking';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import type { Actor, RequestContext } from '../common/request-context';
import { ItemAuthors } from '../pipeline/item-authors';
import { WritePipeline } from '../pipeline/write-pipeline';
import { ItemViews } from '../revisions/item-views';
import { markEdited, RevisionsService } from '../revisions/revisions.service';
import { BrandnameDto, CreateBrandnameDto, UpdateBrandnameDto } from './dto/brandname.dto';
import { ProtectedNamesRepository } from '../protected-names/protected-names.repository';
import { BrandnamesRepository } from './brandnames.repository';
import { assertMayOverride, checkLookalikes } from './lookalike-check';

/** The fields the review policy governs, as it compares them. */
function shownFields(b: Pick<Brandname, 'label' | 'displayName' | 'displayNameAscii' | 'callReason'>): PolicyFields {
  return { label: b.label, displayName: b.displayName, displayNameAscii: b.displayNameAscii, callReason: b.callReason };
}

@Injectable()
export class BrandnamesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly authors: ItemAuthors,
    private readonly views: ItemViews,
    private readonly revisions: RevisionsService,
    private readonly brandnames: BrandnamesRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly protectedNames: ProtectedNamesRepository,
  ) {}

  async create(ctx: RequestContext, organizationId: string, dto: CreateBrandnameDto): Promise<BrandnameDto> {
    const override = assertMayOverride(ctx.actor, dto.lookalikeOverrideReason);
    return this.pipeline.run(ctx, {
      load: async (em) => {
        return this.organizations.mustFind(em, organizationId);
      },
      authorize: (org) => {
        assertCanManage(ctx.actor, organizationId);
        assertOrganizationOpen(org, 'brandnames');
      },
      apply: async (em, org) => {
        const names = normalizeBrandname(dto, org.kind, await this.protectedNames.activeList(em));
        const lookalikeOverride = checkLookalikes(
          ctx.actor,
          await this.brandnames.lookalikeRivals(em, organizationId, names.labelKey, null),
          names,
          override,
        );
        const brandname = em.create(Brandname, {
          organizationId,
          ...names,
          lookalikeOverride,
          status: INITIAL_STATUS,
          submittedBy: ctx.actor.id,
          lastChangedBy: ctx.actor.id,
          reviewAuthors: [await this.authors.author(em, ctx.actor, 'submitted')],
        });
        const saved = await this.brandnames.save(em, brandname);
        const after = BrandnameDto.from(saved, null);
        return { result: after, audit: { action: 'brandname.create', entityType: 'brandname', entityId: saved.id, after } };
      },
    });
  }

  async list(actor: Actor, organizationId: string): Promise<BrandnameDto[]> {
    assertCanRead(actor, organizationId);
    return this.dataSource.transaction(async (em) => {
      const rows = await this.brandnames.ofOrganization(em, organizationId);
      return this.views.of(em, actor, 'brandname', rows, (b) => b.organizationId, BrandnameDto.from);
    });
  }

  async get(actor: Actor, id: string): Promise<BrandnameDto> {
    return this.dataSource.transaction(async (em) => {
      const b = await this.brandnames.find(em, id);
      if (!b) throw new DomainError('NOT_FOUND', 'No such brandname');
      assertCanRead(actor, b.organizationId);
      return (await this.views.of(em, actor, 'brandname', [b], (x) => x.organizationId, BrandnameDto.from))[0];
    });
  }

  /**
   * Every field of a brandname is shown on handsets, so by the review policy a live brandname's edit becomes a
   * pending revision (the approved name keeps answering); a pending one is edited in place.
   */
  async update(ctx: RequestContext, id: string, dto: UpdateBrandnameDto): Promise<BrandnameDto> {
    const override = assertMayOverride(ctx.actor, dto.lookalikeOverrideReason);
    return this.pipeline.run(ctx, {
      load: (em) => this.brandnames.lock(em, id),
      authorize: (b) => {
        assertCanManage(ctx.actor, b.organizationId);
        assertVersion(b.version, dto.version);
        editModeOf(b.status);
      },
      apply: (em, b) => this.edit(em, ctx, b, dto, override),
    });
  }

  private async edit(em: EntityManager, ctx: RequestContext, b: Brandname, dto: UpdateBrandnameDto, override: string | null) {
    const id = b.id;
    const org = await this.organizations.mustFind(em, b.organizationId);
    const before = BrandnameDto.from(b, await this.revisions.pendingDto(em, 'brandname', id));
    const names = normalizeBrandname(
      {
        label: dto.label ?? b.label,
        displayName: dto.displayName ?? b.displayName,
        // An explicit null goes back to the derived form; omitted keeps an override, but a derived form
        // follows a new display name (else handsets without Unicode would keep showing the old name).
        displayNameAscii:
          dto.displayNameAscii !== undefined
            ? dto.displayNameAscii
            : b.displayNameAscii === toAsciiName(b.displayName)
              ? null
              : b.displayNameAscii,
        callReason: dto.callReason === undefined ? b.callReason : dto.callReason,
      },
      org.kind,
      await this.protectedNames.activeList(em),
    );
    const live = shownFields(b);
    const plan = await this.revisions.plan(em, 'brandname', b, live, shownFields(names));
    const changed = Object.keys(plan.apply).length + Object.keys(plan.revision).length > 0;
    const rivals = changed ? await this.brandnames.lookalikeRivals(em, b.organizationId, names.labelKey, b.id) : [];
    const lookalikeOverride = changed ? checkLookalikes(ctx.actor, rivals, names, override) : b.lookalikeOverride;
    if (editModeOf(b.status) === 'draft' && changed) b.reviewAuthors = await this.authors.edited(em, b, ctx.actor);
    if (Object.keys(plan.apply).length > 0) Object.assign(b, names, { lookalikeOverride });
    markEdited(b, ctx.actor.id, plan);
    const saved = await this.brandnames.save(em, b);
    const pending = await this.revisions.hold(em, ctx, 'brandname', id, plan, live, { lookalikeOverride });
    const after = BrandnameDto.from(saved, pending);
    return {
      result: after,
      audit: { action: 'brandname.update', entityType: 'brandname', entityId: id, before, after },
      publish: { brandnameIds: [id] },
    };
  }

  /**
   * Before a brandname is approved: the protected-name list may have grown since it was submitted, and an approval
   * must not brand a name the list now reserves for another kind of body.
   */
  async beforeReview(em: EntityManager, b: Brandname, action: ReviewAction): Promise<() => Promise<void>> {
    if (action === 'approve') {
      const org = await this.organizations.mustFind(em, b.organizationId);
      assertProtectedNamesAllowed(await this.protectedNames.activeList(em), org.kind, [
        { field: 'label', value: b.label },
        { field: 'displayName', value: b.displayName },
        { field: 'displayNameAscii', value: b.displayNameAscii },
        { field: 'callReason', value: b.callReason },
      ]);
    }
    return async () => undefined;
  }

  /**
   * Applies an approved revision: names checked again (another organization may have taken a look-alike since),
   * and a new label's three-year validity runs from this approval.
   */
  async applyRevision(em: EntityManager, actor: Actor, b: Brandname, changes: Record<string, unknown>): Promise<Brandname> {
    const org = await this.organizations.mustFind(em, b.organizationId);
    const { lookalikeOverride, ...fields } = changes as PolicyFields & { lookalikeOverride?: string | null };
    const names = normalizeBrandname({ ...shownFields(b), ...fields } as never, org.kind, await this.protectedNames.activeList(em));
    const rivals = await this.brandnames.lookalikeRivals(em, b.organizationId, names.labelKey, b.id);
    const override = checkLookalikes(actor, rivals, names, lookalikeOverride ?? null);
    const now = new Date();
    const relabelled = names.labelKey !== b.labelKey;
    Object.assign(b, names, { lookalikeOverride: override });
    if (relabelled) Object.assign(b, { approvedAt: now, expiresAt: labelExpiry(now) });
    return this.brandnames.save(em, b);
  }
}
