import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, NormalizedBrandname, nextStatus } from '@app/domain';
import { Application } from '@app/database';
import type { AuditRecord } from '../audit/audit.service';
import { BrandnamesRepository } from '../brandnames/brandnames.repository';
import type { RequestContext } from '../common/request-context';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { NumbersRepository } from '../numbers/numbers.repository';
import { insertPendingNumbers } from '../numbers/pending-numbers';
import { ItemAuthors } from '../pipeline/item-authors';
import { CheckedNumber } from './application-parts';
import { ApplicationsRepository } from './applications.repository';

/** The status reason of a number the applicant took out of its application. */
export const WITHDRAWN = 'Withdrawn from the application';

/** Writes an application's parts: its numbers (each with a holding request to its carrier) and its brandname. */
@Injectable()
export class ApplicationWriter {
  constructor(
    private readonly holdings: NumberHoldingsService,
    private readonly authors: ItemAuthors,
    private readonly numbers: NumbersRepository,
    private readonly brandnames: BrandnamesRepository,
    private readonly applications: ApplicationsRepository,
  ) {}

  async addNumbers(em: EntityManager, ctx: RequestContext, app: Application, numbers: readonly CheckedNumber[]): Promise<void> {
    const pending = numbers.map((n) => ({ ...n, brandnameId: app.brandnameId }));
    const authors = [await this.authors.author(em, ctx.actor, 'submitted')];
    const claim = { organizationId: app.organizationId, submittedBy: ctx.actor.id, authors, applicationId: app.id };
    const taken = new Set(await insertPendingNumbers(em, { numbers: this.numbers, holdings: this.holdings }, claim, pending));
    const clash = numbers.filter((n) => taken.has(n.reg.e164));
    if (clash.length) {
      throw new DomainError('DUPLICATE_NUMBER', `${clash.map((n) => n.reg.e164).join(', ')} already registered by this organization`, {
        fields: clash.map((n) => ({ field: `numbers[${n.index}].number`, message: 'already registered', code: 'DUPLICATE_NUMBER' })),
      });
    }
  }

  /** The brandname is still pending: edited in place. */
  async renameBrandname(em: EntityManager, ctx: RequestContext, app: Application, names: NormalizedBrandname): Promise<void> {
    const b = await this.brandnames.lock(em, app.brandnameId);
    const edited = [...(await this.authors.ofItem(em, b)), await this.authors.author(em, ctx.actor, 'edited')];
    Object.assign(b, names, { lastChangedBy: ctx.actor.id, reviewAuthors: edited });
    await this.brandnames.save(em, b);
  }

  /**
   * The new list replaces the old: a number left out (or moved to another carrier after its carrier answered)
   * is withdrawn (revoked) and a new claim opened; one kept has its terms updated in place. Returns the audit
   * events of the withdrawals.
   */
  async replaceNumbers(
    em: EntityManager,
    ctx: RequestContext,
    app: Application,
    numbers: readonly CheckedNumber[],
  ): Promise<AuditRecord[]> {
    const withdrawn: AuditRecord[] = [];
    const current = await this.applications.pendingNumbersForUpdate(em, app.id);
    const wanted = new Map(numbers.map((n) => [n.reg.e164, n]));
    const fresh: CheckedNumber[] = [];
    const kept = new Set<string>();
    for (const row of current) {
      const next = wanted.get(row.e164);
      const sameCarrier = next && (next.holdingCarrier === row.carrier || row.holding === 'pending');
      if (next && sameCarrier) {
        const n = (await this.numbers.find(em, row.id))!;
        const { direction, allowedOrigins, validFrom, validTo } = next.reg;
        const edited = [...(await this.authors.ofItem(em, n)), await this.authors.author(em, ctx.actor, 'edited')];
        Object.assign(n, { direction, allowedOrigins, validFrom, validTo, lastChangedBy: ctx.actor.id, reviewAuthors: edited });
        await this.numbers.save(em, n);
        if (next.holdingCarrier !== row.carrier) await this.holdings.reassign(em, row.id, next.holdingCarrier);
        kept.add(row.e164);
        continue;
      }
      const n = (await this.numbers.find(em, row.id))!;
      Object.assign(n, { status: nextStatus(n.status, 'revoke'), statusReason: WITHDRAWN, statusChangedBy: ctx.actor.id });
      await this.numbers.save(em, n);
      withdrawn.push({ action: 'number.withdraw', entityType: 'number', entityId: n.id, after: { number: n.e164 } });
    }
    for (const n of numbers) if (!kept.has(n.reg.e164)) fresh.push(n);
    await this.addNumbers(em, ctx, app, fresh);
    return withdrawn;
  }
}
