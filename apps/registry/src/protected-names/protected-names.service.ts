import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  assertProtectedNameInForce,
  decideProtectedNameProposal,
  DomainError,
  normalizeProtectedNameFields,
  PENDING_PROTECTED_NAME_PROPOSAL,
  ProtectedNameDecision,
  protectedNameStatusAfter,
} from '@app/domain';
import { ProtectedNameProposal, ProtectedNameRow } from '@app/database';
import type { Actor, RequestContext } from '../common/request-context';
import { ItemAuthors } from '../pipeline/item-authors';
import { PartiesRepository } from '../pipeline/parties.repository';
import { WritePipeline } from '../pipeline/write-pipeline';
import {
  CreateProposalDto,
  ProposalQueryDto,
  ProtectedNameDto,
  ProtectedNameProposalDto,
  ProtectedNameQueryDto,
} from './dto/protected-name.dto';
import { UsersRepository } from '../users/users.repository';
import { ProtectedNamesRepository } from './protected-names.repository';

/**
 * The protected-name list changes only through proposals: one regulator proposes an addition, a change or a removal,
 * another approves it (four eyes: approve_protected_name), and only then does the list change, in the approval's
 * transaction, published to lookups and carriers by the pipeline. Rejecting or withdrawing changes nothing shown.
 */
@Injectable()
export class ProtectedNamesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: WritePipeline,
    private readonly parties: PartiesRepository,
    private readonly authors: ItemAuthors,
    private readonly repo: ProtectedNamesRepository,
    private readonly users: UsersRepository,
  ) {}

  async list(actor: Actor, query: ProtectedNameQueryDto): Promise<ProtectedNameDto[]> {
    return this.dataSource.transaction(async (em) => {
      const rows = await this.repo.search(em, query.q, query.status);
      const pending = await this.repo.pendingFor(
        em,
        rows.map((r) => r.id),
      );
      const views = await this.proposalViews(em, actor, [...pending.values()]);
      const byId = new Map(views.map((v) => [v.id, v]));
      return rows.map((r) => ProtectedNameDto.from(r, pending.has(r.id) ? byId.get(pending.get(r.id)!.id)! : null));
    });
  }

  async proposals(actor: Actor, query: ProposalQueryDto): Promise<ProtectedNameProposalDto[]> {
    return this.dataSource.transaction(async (em) => this.proposalViews(em, actor, await this.repo.proposals(em, query.status)));
  }

  async proposal(actor: Actor, id: string): Promise<ProtectedNameProposalDto> {
    return this.dataSource.transaction(async (em) => {
      const p = await this.repo.findProposal(em, id);
      if (!p) throw new DomainError('NOT_FOUND', 'No such protected-name proposal');
      return (await this.proposalViews(em, actor, [p]))[0];
    });
  }

  async propose(ctx: RequestContext, dto: CreateProposalDto): Promise<ProtectedNameProposalDto> {
    const reason = dto.reason.trim();
    if (!reason)
      throw new DomainError('VALIDATION_FAILED', 'A reason is required', { fields: [{ field: 'reason', message: 'reason is required' }] });
    return this.pipeline.run(ctx, {
      load: async (em) => {
        if (dto.action === 'add') {
          if (dto.protectedNameId) throw validation('protectedNameId', 'an addition names no existing protected name');
          return null;
        }
        if (!dto.protectedNameId) throw validation('protectedNameId', `a ${dto.action} names the protected name it changes`);
        const name = await this.repo.lock(em, dto.protectedNameId);
        assertProtectedNameInForce(name);
        if ((await this.repo.pendingFor(em, [name.id])).size > 0) {
          throw new DomainError('REVISION_PENDING', `The protected name "${name.term}" already has a proposal waiting for its decision`);
        }
        return name;
      },
      apply: async (em, name) => {
        const fields =
          dto.action === 'remove'
            ? { term: name!.term, spellings: name!.spellings, kinds: name!.kinds, source: name!.source }
            : normalizeProtectedNameFields({
                term: dto.term ?? name?.term,
                spellings: dto.spellings ?? name?.spellings ?? [],
                kinds: dto.kinds ?? name?.kinds,
                source: dto.source ?? name?.source,
              });
        if (dto.action !== 'remove') await this.assertTermFree(em, fields.term, name?.id ?? null);
        const proposal = em.create(ProtectedNameProposal, {
          action: dto.action,
          protectedNameId: name?.id ?? null,
          ...fields,
          reason,
          status: PENDING_PROTECTED_NAME_PROPOSAL,
          createdBy: ctx.actor.id,
          reviewAuthors: [await this.authors.author(em, ctx.actor, 'submitted')],
        });
        const saved = await this.repo.saveProposal(em, proposal);
        const after = ProtectedNameProposalDto.from(saved);
        return {
          result: after,
          audit: { action: 'protected_name.propose', entityType: 'protected_name_proposal', entityId: saved.id, after },
        };
      },
    });
  }

  /** A regulator other than the proposer (four eyes) approves: the list changes now and is published. */
  async approve(ctx: RequestContext, id: string): Promise<ProtectedNameProposalDto> {
    await this.pipeline.run(ctx, {
      load: async (em) => {
        const p = await this.repo.lockProposal(em, id);
        const name = p.protectedNameId ? await this.repo.lock(em, p.protectedNameId) : null;
        return { p, name, authors: await this.authors.ofItem(em, { reviewAuthors: p.reviewAuthors, submittedBy: p.createdBy }) };
      },
      review: ({ authors }) => ({ step: 'approve_protected_name', authors }),
      apply: async (em, { p, name }) => {
        const before = ProtectedNameProposalDto.from(p);
        p.status = decideProtectedNameProposal(p.status, 'approve');
        const target = await this.applyToList(em, p, name);
        Object.assign(p, { decidedBy: ctx.actor.id, decidedAt: new Date(), protectedNameId: target.id });
        const after = ProtectedNameProposalDto.from(await this.repo.saveProposal(em, p));
        return {
          result: after,
          audit: [
            { action: 'protected_name.approve', entityType: 'protected_name_proposal', entityId: id, before, after },
            {
              action: `protected_name.${p.action}`,
              entityType: 'protected_name',
              entityId: target.id,
              before: name ? ProtectedNameDto.from(name, null) : undefined,
              after: ProtectedNameDto.from(target, null),
            },
          ],
          publish: { protectedNames: true },
        };
      },
    });
    return this.proposal(ctx.actor, id);
  }

  /** Rejecting (or withdrawing) changes nothing shown, so any regulator may, with a reason. */
  async decideWithout(ctx: RequestContext, id: string, decision: Exclude<ProtectedNameDecision, 'approve'>, reason?: string) {
    const trimmed = reason?.trim() || null;
    if (decision === 'reject' && !trimmed) {
      throw new DomainError('VALIDATION_FAILED', 'A reason is required', { fields: [{ field: 'reason', message: 'reason is required' }] });
    }
    return this.pipeline.run(ctx, {
      load: (em) => this.repo.lockProposal(em, id),
      apply: async (em, p) => {
        const before = ProtectedNameProposalDto.from(p);
        Object.assign(p, {
          status: decideProtectedNameProposal(p.status, decision),
          decidedBy: ctx.actor.id,
          decidedAt: new Date(),
          decisionReason: trimmed,
        });
        const after = ProtectedNameProposalDto.from(await this.repo.saveProposal(em, p));
        return {
          result: after,
          audit: { action: `protected_name.${decision}`, entityType: 'protected_name_proposal', entityId: id, before, after },
        };
      },
    });
  }

  private async applyToList(em: EntityManager, p: ProtectedNameProposal, name: ProtectedNameRow | null): Promise<ProtectedNameRow> {
    if (p.action !== 'remove') await this.assertTermFree(em, p.term, name?.id ?? null);
    if (name) assertProtectedNameInForce(name);
    const row = name ?? em.create(ProtectedNameRow, {});
    const status = protectedNameStatusAfter(p.action);
    if (p.action === 'remove') return this.repo.save(em, Object.assign(row, { status }));
    return this.repo.save(em, Object.assign(row, { term: p.term, spellings: p.spellings, kinds: p.kinds, source: p.source, status }));
  }

  private async assertTermFree(em: EntityManager, term: string, exceptId: string | null): Promise<void> {
    if (await this.repo.termTaken(em, term, exceptId)) {
      throw new DomainError('DUPLICATE_CODE', `A protected name "${term}" is already in force`, {
        fields: [{ field: 'term', message: 'already in force' }],
      });
    }
  }

  private async proposalViews(em: EntityManager, actor: Actor, proposals: ProtectedNameProposal[]): Promise<ProtectedNameProposalDto[]> {
    const names = await this.users.usernames(
      em,
      proposals.flatMap((p) => [p.createdBy, p.decidedBy]),
    );
    const verdict = await this.parties.viewer(em, actor);
    return proposals.map((p) => {
      const dto = ProtectedNameProposalDto.from(p, names);
      return p.status === PENDING_PROTECTED_NAME_PROPOSAL
        ? { ...dto, fourEyes: verdict('approve_protected_name', p.reviewAuthors, actor.role === 'regulator') }
        : dto;
    });
  }
}

function validation(field: string, message: string): DomainError {
  return new DomainError('VALIDATION_FAILED', message, { fields: [{ field, message }] });
}
