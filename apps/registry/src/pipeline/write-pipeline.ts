import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { assertFourEyes, Author, FourEyesStep } from '@app/domain';
import { AuditContext, AuditRecord, AuditService } from '../audit/audit.service';
import type { ActingContext } from '../common/request-context';
import { LookupPropagation } from '../publishing/lookup-propagation.service';
import { PublishOptions, PublishScope, RegistryPublisher } from '../publishing/registry-publisher.service';
import { AnyActor, PartiesRepository } from './parties.repository';

/** Who writes, and from where (no actor: a failed sign-in, audited as such). */
export interface WriteContext {
  actor: AnyActor | null;
  requestId: string;
  ip: string | null;
}

/** The change a write decides, when it decides one: the step and the change's frozen authors. */
export interface ReviewOf {
  step: FourEyesStep;
  authors: readonly Author[];
}

/** What a write did: its result, what to audit, and which lookups to publish again (and how: PublishOptions). */
export interface WriteOutcome<R> {
  result: R;
  audit: AuditRecord | readonly AuditRecord[];
  publish?: PublishScope;
  publishOptions?: PublishOptions;
}

/**
 * One write, as the pipeline runs it: load (and lock) what it changes, authorize by the domain's role and scope
 * rules, ask the four-eyes decision when it decides a change under review, then apply (statuses only through
 * the life cycle) and save. The pipeline audits and publishes what `apply` reports.
 */
export interface Write<S, R> {
  load(em: EntityManager): Promise<S>;
  authorize?(subject: S): void;
  review?(subject: S): ReviewOf | null;
  apply(em: EntityManager, subject: S): Promise<WriteOutcome<R>>;
}

/**
 * The one way a registry write happens: load, authorize, four eyes, transition and save, audit, publish, all in
 * one transaction. No service compares user ids itself: the four-eyes decision (libs/domain four-eyes.ts) does.
 */
@Injectable()
export class WritePipeline {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly parties: PartiesRepository,
    private readonly audit: AuditService,
    private readonly publisher: RegistryPublisher,
    private readonly propagation: LookupPropagation,
  ) {}

  /** A transaction's publication that narrowed a brand: the version every running lookup must hold before it answers. */
  private readonly awaited = new WeakMap<EntityManager, number>();

  async run<S, R>(ctx: WriteContext, write: Write<S, R>): Promise<R> {
    const [result, version] = await this.dataSource.transaction(
      async (em) => [await this.runIn(em, ctx, write), this.awaited.get(em)] as const,
    );
    // After the commit: a suspension, a revocation, a release... answers once the running lookups hold it.
    if (version !== undefined) await this.propagation.confirmed(version);
    return result;
  }

  /** The same write inside the caller's transaction (an application's approval decides its items too). */
  async runIn<S, R>(em: EntityManager, ctx: WriteContext, write: Write<S, R>): Promise<R> {
    const subject = await write.load(em);
    write.authorize?.(subject);
    const review = write.review?.(subject);
    if (review) {
      if (!ctx.actor) throw new Error('A reviewing step needs an actor');
      assertFourEyes(review.step, await this.parties.factsOf(em, ctx.actor), review.authors);
    }
    const outcome = await write.apply(em, subject);
    const records = Array.isArray(outcome.audit) ? outcome.audit : [outcome.audit as AuditRecord];
    for (const record of records) await this.audit.record(em, auditContext(ctx), record);
    if (outcome.publish) {
      const narrowedAt = await this.publisher.publish(em, outcome.publish, outcome.publishOptions);
      if (narrowedAt !== null) this.awaited.set(em, narrowedAt);
    }
    return outcome.result;
  }
}

/** A user's or a carrier's context is an AuditContext, the CLI's an ActingContext: the audit takes both. */
function auditContext(ctx: WriteContext): AuditContext | ActingContext {
  return ctx as AuditContext | ActingContext;
}
