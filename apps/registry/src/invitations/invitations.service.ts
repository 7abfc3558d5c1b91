import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertInvitationRevocable,
  assertParentOpen,
  DomainError,
  invitationExpiry,
  invitationStatus,
  normalizeLegalName,
} from '@app/domain';
import { Invitation } from '@app/database';
import type { RequestContext } from '../common/request-context';
import { OrganizationsRepository } from '../organizations/organizations.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import { InvitationsRepository } from './invitations.repository';
import { CreatedInvitationDto, CreateInvitationDto, InvitationDto, InvitationQueryDto } from './dto/invitation.dto';

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Invitations to apply: a token shown once, stored hashed, valid 14 days, for one application. */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly invitations: InvitationsRepository,
    private readonly organizations: OrganizationsRepository,
  ) {}

  /** Whoever issues an invitation holds its token: it will control the applicant's account (four-eyes.ts). */
  async create(ctx: RequestContext, dto: CreateInvitationDto): Promise<CreatedInvitationDto> {
    const organizationName = normalizeLegalName(dto.organizationName);
    const organizationCode = dto.organizationCode.toUpperCase();
    return this.pipeline.run(ctx, {
      load: async (em) => {
        await assertCodeFree(em, { organizations: this.organizations, invitations: this.invitations }, organizationCode);
        if (dto.parentOrganizationId) {
          assertParentOpen(await this.organizations.mustFind(em, dto.parentOrganizationId, 'parent organization'));
        }
      },
      apply: async (em) => {
        const token = `inv_${randomBytes(32).toString('base64url')}`;
        const now = new Date();
        const invitation = await this.invitations.save(
          em,
          em.create(Invitation, {
            tokenHash: hashInvitationToken(token),
            organizationCode,
            organizationName,
            kind: dto.kind,
            parentOrganizationId: dto.parentOrganizationId ?? null,
            expiresAt: invitationExpiry(now),
            createdBy: ctx.actor.id,
          }),
        );
        return {
          result: { id: invitation.id, token, expiresAt: invitation.expiresAt.toISOString(), organizationCode },
          audit: { action: 'invitation.create', entityType: 'invitation', entityId: invitation.id, after: toDto(invitation, now) },
        };
      },
    });
  }

  async list(query: InvitationQueryDto): Promise<InvitationDto[]> {
    const now = new Date();
    const rows = await this.invitations.all(this.dataSource.manager);
    return rows.map((r) => toDto(r, now)).filter((r) => !query.status || r.status === query.status);
  }

  async revoke(ctx: RequestContext, id: string): Promise<InvitationDto> {
    const now = new Date();
    return this.pipeline.run(ctx, {
      load: (em) => this.invitations.lock(em, id),
      authorize: (invitation) => assertInvitationRevocable(invitation, now),
      apply: async (em, invitation) => {
        const before = toDto(invitation, now);
        Object.assign(invitation, { revokedAt: now, revokedBy: ctx.actor.id });
        const after = toDto(await this.invitations.save(em, invitation), now);
        return { result: after, audit: { action: 'invitation.revoke', entityType: 'invitation', entityId: id, before, after } };
      },
    });
  }
}

type CodeRepositories = { organizations: OrganizationsRepository; invitations: InvitationsRepository };

/** A code is taken when an organization has it or another open invitation promises it. */
export async function codeTaken(
  em: EntityManager,
  repos: CodeRepositories,
  code: string,
  exceptInvitation: string | null = null,
): Promise<boolean> {
  return (await repos.organizations.codeInUse(em, code)) || (await repos.invitations.openPromising(em, code, exceptInvitation));
}

export async function assertCodeFree(em: EntityManager, repos: CodeRepositories, code: string): Promise<void> {
  if (await codeTaken(em, repos, code)) throw new DomainError('DUPLICATE_CODE', `Organization code ${code} is taken`);
}

function toDto(i: Invitation, now: Date): InvitationDto {
  return {
    id: i.id,
    organizationCode: i.organizationCode,
    organizationName: i.organizationName,
    kind: i.kind,
    parentOrganizationId: i.parentOrganizationId,
    status: invitationStatus(i, now),
    expiresAt: i.expiresAt.toISOString(),
    createdBy: i.createdBy,
    createdAt: i.createdAt.toISOString(),
    usedAt: i.usedAt ? i.usedAt.toISOString() : null,
    revokedAt: i.revokedAt ? i.revokedAt.toISOString() : null,
    refusedSubmissions: i.refusedSubmissions,
  };
}
