import type { ReviewAction } from '@app/domain';
import { BrandnamesService } from '../../../apps/registry/src/brandnames/brandnames.service';
import { NumbersService } from '../../../apps/registry/src/numbers/numbers.service';
import { OrganizationsService } from '../../../apps/registry/src/organizations/organizations.service';
import { ReviewsService } from '../../../apps/registry/src/reviews/reviews.service';
import type { RequestContext } from '../../../apps/registry/src/common/request-context';
import { MediumRegistry, Person } from './medium-registry';
import type { Kind } from './space';

/** An item as its route answers it (the DTO), read loosely: the suites check fields by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Item = Record<string, any>;

export const KINDS: Kind[] = ['organizations', 'brandnames', 'numbers'];
export const ENTITY_TYPE: Record<Kind, string> = { organizations: 'organization', brandnames: 'brandname', numbers: 'number' };

/** Who acts: a person (a fresh request of its), or a request context of the caller's (its own request id). */
export type By = Person | RequestContext;
const ctxOf = (by: By): RequestContext => (by instanceof Person ? by.ctx() : by);

/**
 * The reviewable items' routes, as service calls: GET and PATCH /v1/<kind>/<id>, the review actions, and the
 * decisions on a pending revision or reinstatement.
 */
export class Items {
  constructor(private readonly r: MediumRegistry) {}

  private service(kind: Kind): {
    get(actor: Person['actor'], id: string): Promise<Item>;
    update(ctx: ReturnType<Person['ctx']>, id: string, dto: never): Promise<Item>;
  } {
    if (kind === 'organizations') return this.r.get(OrganizationsService) as never;
    if (kind === 'brandnames') return this.r.get(BrandnamesService) as never;
    return this.r.get(NumbersService) as never;
  }

  get(by: Person, kind: Kind, id: string): Promise<Item> {
    return this.service(kind).get(by.actor, id);
  }

  update(by: By, kind: Kind, id: string, dto: Record<string, unknown>): Promise<Item> {
    return this.service(kind).update(ctxOf(by), id, dto as never);
  }

  /** POST /v1/<kind>/<id>/<action>; `reason` as the body carries it (approve sends none). */
  act(by: By, kind: Kind, id: string, action: ReviewAction, reason?: string): Promise<Item> {
    return this.r.get(ReviewsService).act(ctxOf(by), kind, id, action, reason);
  }

  revision(by: By, kind: Kind, id: string, decision: 'approve' | 'reject', reason?: string): Promise<Item> {
    return this.r.get(ReviewsService).decideRevision(ctxOf(by), kind, id, decision, reason);
  }

  reinstatement(by: By, kind: Kind, id: string, decision: 'approve' | 'reject', reason?: string): Promise<Item> {
    return this.r.get(ReviewsService).decideReinstate(ctxOf(by), kind, id, decision, reason);
  }
}
