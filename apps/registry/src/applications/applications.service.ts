import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertApplicationApprovable,
  assertApplicationEditable,
  assertDocumentsOpen,
  addNameUnavailable,
  assertInvitationUsable,
  accountActionAllowed,
  countRefusedSubmission,
  assertMayHandleDocuments,
  assertMayReadApplication,
  assertOwnApplication,
  Author,
  ChecklistItem,
  clearedChecklist,
  documentQuotaApplies,
  DomainError,
  INITIAL_APPLICATION_STATUS,
  INITIAL_STATUS,
  initialAccountStatus,
  isDomainError,
  nameUnavailable,
  nextAccountStatus,
  nextApplicationStatus,
  ProblemList,
  userPrincipal,
} from '@app/domain';
import { Application, Brandname, Invitation, Organization } from '@app/database';
import type { AuditRecord } from '../audit/audit.service';
import { hashPassword } from '../auth/password-hasher';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import { CarriersRepository } from '../carriers/carriers.repository';
import { assertVersion } from '../common/locking';
import type { Actor, RequestContext } from '../common/request-context';
import { DocumentDto } from '../documents/document.dto';
import { DocumentsService } from '../documents/documents.service';
import { InvitationsRepository } from '../invitations/invitations.repository';
import { codeTaken, hashInvitationToken } from '../invitations/invitations.service';
import { NumbersRepository } from '../numbers/numbers.repository';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { UsersRepository } from '../users/users.repository';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { Write, WriteOutcome, WritePipeline } from '../pipeline/write-pipeline';
import { ReviewsService } from '../reviews/reviews.service';
import { ApplicationWriter } from './application-writer';
import { ProtectedNamesRepository } from '../protected-names/protected-names.repository';
import { CheckedParts, checkParts } from './application-parts';
import { ApplicationViews } from './application-view';
import { ApplicationsRepository } from './applications.repository';
import { ApplicationDto, ApplicationQueryDto, CreateApplicationDto, UpdateApplicationDto } from './dto/application.dto';

/** An application after its token and its rules: either stored, or refused (and counted) with every problem. */
interface Screened {
  inv: Invitation;
  parts: CheckedParts;
  /** Which names were taken, for the audit log only (the answer never says). */
  taken: readonly string[];
  refusal: DomainError | null;
}
type Submitted = { refused: DomainError } | { created: ApplicationDto };

/**
 * Applications to join: the invited organization submits its brandname, numbers and first admin in one go
 * (all pending); a regulator asks for changes or rejects; a person who can act as nobody who invited, applied or
 * worked on the checklist approves, which activates the organization, the brandname and each number its carrier
 * has confirmed. Whoever issued the invitation held its token, so it can act as the applicant's account.
 */
@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
    private readonly reviews: ReviewsService,
    private readonly documents: DocumentsService,
    private readonly writer: ApplicationWriter,
    private readonly views: ApplicationViews,
    private readonly applications: ApplicationsRepository,
    private readonly invitations: InvitationsRepository,
    private readonly organizations: OrganizationsRepository,
    private readonly brandnames: BrandnamesRepository,
    private readonly numbers: NumbersRepository,
    private readonly carriers: CarriersRepository,
    private readonly users: UsersRepository,
    private readonly protectedNames: ProtectedNamesRepository,
  ) {}

  private get repos() {
    return {
      organizations: this.organizations,
      invitations: this.invitations,
      brandnames: this.brandnames,
      numbers: this.numbers,
      carriers: this.carriers,
      protectedNames: this.protectedNames,
    };
  }

  /**
   * No account yet: the invitation token is the credential. Refused whole, with every problem, or stored whole.
   *
   * The form must not become an oracle of the registry's names. The token is checked first, before any name is
   * looked up: a forged, expired, used or revoked token gets one answer (INVITATION_INVALID) whatever the rest
   * says. With a good token, a taken username and a taken organization code get one generic problem
   * (NAME_UNAVAILABLE, never which), and every refusal is counted on the invitation and audited in the same
   * transaction (under its row lock): after INVITATION_MAX_REFUSED_SUBMISSIONS it answers INVITATION_EXHAUSTED.
   */
  async create(req: { requestId: string; ip: string | null }, dto: CreateApplicationDto): Promise<ApplicationDto> {
    const passwordHash = await hashPassword(dto.applicant.password);
    const applicantId = randomUUID();
    const actor: Actor = { id: applicantId, username: dto.applicant.username, role: 'agency_admin', organizationId: null };
    const ctx: RequestContext = { actor, ...req };
    let outcome: Submitted;
    try {
      // Nobody is signed in: a refusal is audited without an actor, as a failed sign-in is.
      outcome = await this.pipeline.run<Screened, Submitted>(
        { actor: null, ...req },
        {
          load: (em) => this.screen(em, dto),
          apply: async (em, screened) => {
            if (screened.refusal) return this.refuse(em, dto, screened.inv, screened.refusal, screened.taken);
            const created = await this.pipeline.runIn(em, ctx, {
              load: async () => screened,
              apply: (em2, { inv, parts }) => this.store(em2, ctx, dto, passwordHash, inv, parts),
            });
            return { result: { created }, audit: [] };
          },
        },
      );
    } catch (err) {
      // A name taken by a write that committed after the screening: the same generic answer (the transaction is
      // gone with the unique violation, so this one is not counted).
      if (isDomainError(err) && (err.code === 'DUPLICATE_USERNAME' || err.code === 'DUPLICATE_CODE')) throw nameUnavailable();
      throw err;
    }
    if ('refused' in outcome) throw outcome.refused;
    return outcome.created;
  }

  /**
   * The token first (locked: one application, and one count, at a time per invitation), then every rule of the
   * application at once; the names are looked up only for a usable invitation, both of them every time.
   */
  private async screen(em: EntityManager, dto: CreateApplicationDto): Promise<Screened> {
    const invitation = await this.invitations.lockByTokenHash(em, hashInvitationToken(dto.invitationToken));
    assertInvitationUsable(invitation, new Date());
    const inv = invitation!;
    const problems = new ProblemList();
    const taken: string[] = [];
    const code = await codeTaken(em, this.repos, inv.organizationCode, inv.id);
    const username = await this.users.usernameTaken(em, dto.applicant.username);
    if (code) taken.push('organization_code');
    if (username) taken.push('username');
    if (taken.length) addNameUnavailable(problems);
    const parts = await checkParts(em, this.repos, problems, {
      kind: inv.kind,
      organizationId: null,
      brandnameId: null,
      brandname: dto.brandname,
      numbers: dto.numbers,
    });
    return { inv, parts, taken, refusal: problems.refusal() };
  }

  /** A refused application: counted on its invitation and audited (the problems' codes, never a password or the token). */
  private async refuse(
    em: EntityManager,
    dto: CreateApplicationDto,
    inv: Invitation,
    refusal: DomainError,
    taken: readonly string[],
  ): Promise<WriteOutcome<Submitted>> {
    const { refusedSubmissions, left } = countRefusedSubmission(inv.refusedSubmissions);
    inv.refusedSubmissions = refusedSubmissions;
    await this.invitations.saveRefusedSubmissions(em, inv);
    return {
      result: { refused: refusal },
      audit: {
        action: 'application.create_failed',
        entityType: 'invitation',
        entityId: inv.id,
        after: {
          username: dto.applicant.username.slice(0, 64),
          problems: (refusal.details?.fields ?? []).map((f) => `${f.field}: ${f.code ?? refusal.code}`),
          ...(taken.length ? { taken } : {}),
          refusedSubmissions,
          left,
        },
      },
    };
  }

  /** The accepted application: its organization, applicant account, brandname and numbers, all pending. */
  private async store(
    em: EntityManager,
    ctx: RequestContext,
    dto: CreateApplicationDto,
    passwordHash: string,
    inv: Invitation,
    parts: CheckedParts,
  ): Promise<WriteOutcome<ApplicationDto>> {
    const { actor } = ctx;
    const applicantId = actor.id;
    const org = await this.organizations.save(
      em,
      em.create(Organization, {
        code: inv.organizationCode,
        name: inv.organizationName,
        kind: inv.kind,
        parentId: inv.parentOrganizationId,
        status: INITIAL_STATUS,
        submittedBy: applicantId,
        lastChangedBy: applicantId,
      }),
    );
    actor.organizationId = org.id;
    // Created by nobody's password but its own; whoever issued the invitation held the token that made it.
    await this.users.insert(em, {
      id: applicantId,
      username: dto.applicant.username,
      passwordHash,
      role: 'agency_admin',
      organizationId: org.id,
      status: initialAccountStatus('immediate'),
      createdBy: null,
    });
    await this.parties.recordControl(em, applicantId, userPrincipal(inv.createdBy), 'invitation');
    const applicant = await this.authors.author(em, actor, 'submitted');
    org.reviewAuthors = [applicant];
    await this.organizations.save(em, org);
    const brandname = await this.brandnames.save(
      em,
      em.create(Brandname, {
        organizationId: org.id,
        ...parts.names!,
        lookalikeOverride: null,
        status: INITIAL_STATUS,
        submittedBy: applicantId,
        lastChangedBy: applicantId,
        reviewAuthors: [applicant],
      }),
    );
    const { fullName, email, phone } = dto.applicant;
    const application = await this.applications.save(
      em,
      em.create(Application, {
        invitationId: inv.id,
        organizationId: org.id,
        brandnameId: brandname.id,
        applicantId,
        applicantContact: { fullName, email, phone },
        status: INITIAL_APPLICATION_STATUS,
        submittedAt: new Date(),
        reviewAuthors: [applicant, await this.parties.authorUser(em, inv.createdBy, 'invited')],
      }),
    );
    await this.writer.addNumbers(em, ctx, application, parts.numbers);
    inv.usedAt = new Date();
    await this.invitations.save(em, inv);
    const view = await this.views.of(em, application);
    return {
      result: view,
      audit: {
        action: 'application.create',
        entityType: 'application',
        entityId: application.id,
        after: { ...view, numbers: view.numbers.map((n) => ({ number: n.number, holdingCarrier: n.holding?.carrier ?? null })) },
      },
    };
  }

  async list(actor: Actor, query: ApplicationQueryDto): Promise<ApplicationDto[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = await this.applications.list(em, {
        organizationId: actor.role === 'agency_admin' ? actor.organizationId : undefined,
        status: query.status,
      });
      const out: ApplicationDto[] = [];
      for (const a of rows) out.push(await this.view(em, actor, a)); // one connection: one query at a time
      return out;
    });
  }

  async get(actor: Actor, id: string): Promise<ApplicationDto> {
    return this.dataSource.transaction(async (em) => this.view(em, actor, await this.readable(em, actor, id)));
  }

  /** The page, with whether the signed-in person may approve a submitted application. */
  private async view(em: EntityManager, actor: Actor, app: Application): Promise<ApplicationDto> {
    const dto = await this.views.of(em, app);
    if (app.status !== INITIAL_APPLICATION_STATUS) return dto;
    const verdict = await this.parties.viewer(em, actor);
    return { ...dto, fourEyes: verdict('approve_application', await this.authorsOf(em, app), actor.role === 'regulator') };
  }

  /** The applicant's edit after a request for changes; numbers left out are withdrawn. */
  async update(ctx: RequestContext, id: string, dto: UpdateApplicationDto): Promise<ApplicationDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.applications.lock(em, id),
      authorize: (app) => {
        assertOwnApplication(ctx.actor, app);
        assertVersion(app.version, dto.version);
        assertApplicationEditable(app.status);
      },
      apply: async (em, app) => {
        const before = await this.views.of(em, app);
        const org = await this.organizations.mustFind(em, app.organizationId);
        const problems = new ProblemList();
        const parts = await checkParts(em, this.repos, problems, {
          kind: org.kind,
          organizationId: org.id,
          brandnameId: app.brandnameId,
          brandname: dto.brandname,
          numbers: dto.numbers,
        });
        problems.throwIfAny();
        if (parts.names) await this.writer.renameBrandname(em, ctx, app, parts.names);
        const withdrawn = dto.numbers ? await this.writer.replaceNumbers(em, ctx, app, parts.numbers) : [];
        if (dto.contact) app.applicantContact = { ...dto.contact };
        app.updatedAt = new Date();
        const saved = await this.applications.save(em, app);
        const after = await this.views.of(em, saved);
        return {
          result: after,
          audit: [...withdrawn, { action: 'application.update', entityType: 'application', entityId: id, before, after }],
        };
      },
    });
  }

  /** A new submission: the ticks are cleared, and the applicant's facts are frozen again (as they are now). */
  async resubmit(ctx: RequestContext, id: string): Promise<ApplicationDto> {
    return this.pipeline.run(
      ctx,
      this.transition(ctx, id, 'resubmit', null, async (em, app) => {
        app.checklist = clearedChecklist(app.checklist, new Date());
        app.submittedAt = new Date();
        app.statusReason = null;
        app.reviewAuthors = [...app.reviewAuthors, await this.authors.author(em, ctx.actor, 'submitted')];
      }),
    );
  }

  async requestChanges(ctx: RequestContext, id: string, reason: string): Promise<ApplicationDto> {
    return this.pipeline.run(ctx, this.transition(ctx, id, 'request_changes', reason));
  }

  /**
   * A rejection closes the application and rejects what it submitted (nothing of it ever brands); the applicant's
   * account, which exists only for this application, is disabled through the account life cycle.
   */
  async reject(ctx: RequestContext, id: string, reason: string): Promise<ApplicationDto> {
    return this.pipeline.run(
      ctx,
      this.transition(ctx, id, 'reject', reason, async (em, app) => {
        const trimmed = reason.trim();
        for (const n of await this.applications.pendingNumbers(em, app.id))
          await this.reviews.actIn(em, ctx, 'numbers', n, 'reject', trimmed);
        await this.reviews.actIn(em, ctx, 'brandnames', app.brandnameId, 'reject', trimmed);
        await this.reviews.actIn(em, ctx, 'organizations', app.organizationId, 'reject', trimmed);
        const applicant = await this.users.lock(em, app.applicantId);
        if (accountActionAllowed(applicant.status, 'disable')) {
          const before = { status: applicant.status };
          Object.assign(applicant, { status: nextAccountStatus(applicant.status, 'disable'), statusChangedBy: ctx.actor.id });
          await this.users.save(em, applicant);
          return [{ action: 'user.disable', entityType: 'user', entityId: app.applicantId, before, after: { status: applicant.status } }];
        }
        return [];
      }),
    );
  }

  /** Activates the organization, its brandname and every number its carrier confirmed; the rest follow on confirmation. */
  async approve(ctx: RequestContext, id: string): Promise<ApplicationDto> {
    return this.pipeline.run(ctx, {
      ...this.transition(ctx, id, 'approve', null, async (em, app) => {
        assertApplicationApprovable({ checklist: app.checklist, decisionDocuments: await this.applications.decisionDocuments(em, app.id) });
        await this.reviews.actIn(em, ctx, 'organizations', app.organizationId, 'approve', null);
        await this.reviews.actIn(em, ctx, 'brandnames', app.brandnameId, 'approve', null);
        for (const n of await this.applications.pendingNumbers(em, app.id, 'confirmed')) {
          await this.reviews.actIn(em, ctx, 'numbers', n, 'approve', null);
        }
        Object.assign(app, { decidedBy: ctx.actor.id, decidedAt: new Date() });
      }),
      review: (app) => ({ step: 'approve_application', authors: app.reviewAuthors }),
    });
  }

  /** A tick (or an untick) makes its author one of the application's: it may not approve it. */
  async tick(ctx: RequestContext, id: string, item: ChecklistItem, checked: boolean): Promise<ApplicationDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.applications.lock(em, id),
      apply: async (em, app) => {
        if (app.status !== INITIAL_APPLICATION_STATUS)
          throw new DomainError('INVALID_TRANSITION', `The checklist of an application that is ${app.status} is closed`);
        app.checklist = [...app.checklist, { item, checked, by: ctx.actor.id, at: new Date().toISOString() }];
        app.reviewAuthors = [...(await this.authorsOf(em, app)), await this.authors.author(em, ctx.actor, 'ticked_checklist')];
        const saved = await this.applications.save(em, app);
        return {
          result: await this.views.of(em, saved),
          audit: { action: 'application.checklist', entityType: 'application', entityId: id, after: { item, checked } },
        };
      },
    });
  }

  async addDocument(
    ctx: RequestContext,
    id: string,
    kind: string,
    file: { buffer: Buffer; originalname: string; mimetype?: string },
  ): Promise<DocumentDto> {
    return this.pipeline.run(ctx, {
      load: (em) => this.applications.lock(em, id),
      authorize: (app) => {
        assertMayHandleDocuments(ctx.actor, app, 'add');
        assertDocumentsOpen(app.status);
      },
      apply: async (em, app) => {
        const doc = await this.documents.store(em, {
          applicationId: app.id,
          kind,
          filename: file.originalname,
          content: file.buffer,
          declaredType: file.mimetype,
          uploadedBy: ctx.actor.id,
          quotaOf: documentQuotaApplies(ctx.actor.role) ? { organizationId: app.organizationId } : undefined,
        });
        const dto = DocumentDto.from(doc);
        return { result: dto, audit: { action: 'application.document_add', entityType: 'application', entityId: id, after: dto } };
      },
    });
  }

  /** Documents go back to regulators and to the applicant only. */
  async readDocument(actor: Actor, id: string, docId: string) {
    const em = this.dataSource.manager;
    const app = await this.applications.find(em, id);
    if (!app) throw new DomainError('NOT_FOUND', 'No such application');
    assertMayHandleDocuments(actor, app, 'read');
    return this.documents.read(em, app.id, docId);
  }

  /** An application's status change as one write; `effect` may report audit events of its own. */
  private transition(
    ctx: RequestContext,
    id: string,
    action: 'resubmit' | 'request_changes' | 'reject' | 'approve',
    reason: string | null,
    effect?: (em: EntityManager, app: Application) => Promise<void | AuditRecord[]>,
  ): Write<Application, ApplicationDto> {
    return {
      load: async (em) => {
        const app = await this.applications.lock(em, id);
        if (action === 'approve') app.reviewAuthors = await this.authorsOf(em, app);
        return app;
      },
      authorize: (app) => {
        if (action === 'resubmit') assertOwnApplication(ctx.actor, app);
      },
      apply: async (em, app) => {
        const before = await this.views.of(em, app);
        const status = nextApplicationStatus(app.status, action);
        const extra = (await effect?.(em, app)) ?? [];
        Object.assign(app, { status, ...(reason !== null ? { statusReason: reason.trim() } : {}) });
        const saved = await this.applications.save(em, app);
        const after = await this.views.of(em, saved);
        return {
          result: after,
          audit: [...extra, { action: `application.${action}`, entityType: 'application', entityId: id, before, after }],
        };
      },
    };
  }

  /** The applicant, the inviter and every ticker; for an application from before authors were kept, as they are today. */
  private async authorsOf(em: EntityManager, app: Application): Promise<Author[]> {
    if (app.reviewAuthors.length > 0) return app.reviewAuthors;
    const invitation = (await this.invitations.find(em, app.invitationId))!;
    const out = [
      await this.parties.authorUser(em, app.applicantId, 'submitted'),
      await this.parties.authorUser(em, invitation.createdBy, 'invited'),
    ];
    for (const by of new Set(app.checklist.map((e) => e.by).filter((b): b is string => b !== null))) {
      out.push(await this.parties.authorUser(em, by, 'ticked_checklist'));
    }
    return out;
  }

  private async readable(em: EntityManager, actor: Actor, id: string): Promise<Application> {
    const app = await this.applications.find(em, id);
    if (!app) throw new DomainError('NOT_FOUND', 'No such application');
    assertMayReadApplication(actor, app);
    return app;
  }
}
