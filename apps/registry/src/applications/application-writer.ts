import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DomainError, NormalizedBrandname, nextStatus } from '@app/domain';
import { Application, Brandname, CallerNumber } from '@app/database';
import type { AuditRecord } from '../audit/audit.service';
import { saveBrandname } from '../brandnames/brandnames.service';
import { lockRow } from '../common/locking';
import type { RequestContext } from '../common/request-context';
import { NumberHoldingsService } from '../number-holdings/number-holdings.service';
import { saveNumber } from '../numbers/numbers.service';
import { insertPendingNumbers } from '../numbers/pending-numbers';
import { ItemAuthors } from '../pipeline/item-authors';
import { CheckedNumber } from './application-parts';

/** The status reason of a number the applicant took out of its application. */
export const WITHDRAWN = 'Withdrawn from the application';

/** Writes an application's parts: its numbers (each with a holding request to its carrier) and its brandname. */
@Injectable()
export class ApplicationWriter {
  constructor(
    private readonly holdings: NumberHoldingsService,
    private readonly authors: ItemAuthors,
  ) {}

  async addNumbers(em: EntityManager, ctx: RequestContext, app: Application, numbers: readonly CheckedNumber[]): Promise<void> {
    const pending = numbers.map((n) => ({ ...n, brandnameId: app.brandnameId }));
    const authors = [await this.authors.author(em, ctx.actor, 'submitted')];
    const claim = { organizationId: app.organizationId, submittedBy: ctx.actor.id, authors, applicationId: app.id };
    const taken = new Set(await insertPendingNumbers(em, this.holdings, claim, pending));
    const clash = numbers.filter((n) => taken.has(n.reg.e164));
    if (clash.length) {
      throw new DomainError('DUPLICATE_NUMBER', `${clash.map((n) => n.reg.e164).join(', ')} already registered by this organization`, {
        fields: clash.map((n) => ({ field: `numbers[${n.index}].number`, message: 'already registered', code: 'DUPLICATE_NUMBER' })),
      });
    }
  }

  /** The brandname is still pending: edited in place. */
  async renameBrandname(em: EntityManager, ctx: RequestContext, app: Application, names: NormalizedBrandname): Promise<void> {
    const b = await lockRow(em, Brandname, app.brandnameId, 'brandname');
    const edited = [...(await this.authors.ofItem(em, b)), await this.authors.author(em, ctx.actor, 'edited')];
    Object.assign(b, names, { lastChangedBy: ctx.actor.id, reviewAuthors: edited });
    await saveBrandname(em, b);
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
    const current: Array<{ id: string; e164: string; carrier: string | null; holding: string }> = await em.query(
      `SELECT n.id, n.e164, h.carrier_code AS carrier, h.status AS holding
         FROM number_holdings h JOIN caller_numbers n ON n.id = h.number_id
        WHERE h.application_id = $1 AND n.status = 'pending' ORDER BY n.e164 FOR UPDATE OF n`,
      [app.id],
    );
    const wanted = new Map(numbers.map((n) => [n.reg.e164, n]));
    const fresh: CheckedNumber[] = [];
    const kept = new Set<string>();
    for (const row of current) {
      const next = wanted.get(row.e164);
      const sameCarrier = next && (next.holdingCarrier === row.carrier || row.holding === 'pending');
      if (next && sameCarrier) {
        const n = await em.findOneByOrFail(CallerNumber, { id: row.id });
        const { direction, allowedOrigins, validFrom, validTo } = next.reg;
        const edited = [...(await this.authors.ofItem(em, n)), await this.authors.author(em, ctx.actor, 'edited')];
        Object.assign(n, { direction, allowedOrigins, validFrom, validTo, lastChangedBy: ctx.actor.id, reviewAuthors: edited });
        await saveNumber(em, n);
        if (next.holdingCarrier !== row.carrier) await this.holdings.reassign(em, row.id, next.holdingCarrier);
        kept.add(row.e164);
        continue;
      }
      const n = await em.findOneByOrFail(CallerNumber, { id: row.id });
      Object.assign(n, { status: nextStatus(n.status, 'revoke'), statusReason: WITHDRAWN, statusChangedBy: ctx.actor.id });
      await saveNumber(em, n);
      withdrawn.push({ action: 'number.withdraw', entityType: 'number', entityId: n.id, after: { number: n.e164 } });
    }
    for (const n of numbers) if (!kept.has(n.reg.e164)) fresh.push(n);
    await this.addNumbers(em, ctx, app, fresh);
    return withdrawn;
  }
}
