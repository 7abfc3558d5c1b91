import { EntityManager } from 'typeorm';
import { DomainError, ReorganizationOrg, ReorganizationPlan } from '@app/domain';
import { PlanInput, ReorganizationsRepository } from './reorganizations.repository';

/** The facts checkReorganization needs, read in the caller's transaction (locked by the caller where it matters). */
export async function loadPlan(repo: ReorganizationsRepository, em: EntityManager, r: PlanInput): Promise<ReorganizationPlan> {
  const rows = await repo.organizationsForPlan(em);
  const orgs = new Map<string, ReorganizationOrg>(
    rows.map((o) => [o.id, { id: o.id, code: o.code, status: o.status, parentId: o.parent_id }]),
  );
  const from = orgs.get(r.fromOrganizationId);
  if (!from) throw new DomainError('NOT_FOUND', 'No such source organization');
  const to = orgs.get(r.toOrganizationId);
  if (!to) throw new DomainError('NOT_FOUND', 'No such target organization');
  const toChain: ReorganizationOrg[] = [];
  const seen = new Set<string>();
  for (let o: ReorganizationOrg | undefined = to; o && !seen.has(o.id); o = o.parentId ? orgs.get(o.parentId) : undefined) {
    seen.add(o.id);
    toChain.push(o);
  }
  const brandname = await repo.targetBrandname(em, r.toBrandnameId);
  if (!brandname) throw new DomainError('NOT_FOUND', 'No such target brandname');
  const numbers = r.numberIds ? await repo.numbersNamed(em, r.numberIds) : [];
  return {
    kind: r.kind,
    from,
    to,
    toChain,
    brandname: { organizationId: brandname.organization_id, status: brandname.status, label: brandname.label },
    numberIds: r.numberIds,
    numbers: numbers.map((n) => ({ id: n.id, organizationId: n.organization_id, status: n.status })),
  };
}

/**
 * Refuses what would collide: the target already claims one of the numbers (one claim per organization), a
 * number already in another open transfer, a second open merge of the same source, or a merge into an
 * organization that is itself being merged away by an open merge.
 */
export async function assertNoOverlap(
  repo: ReorganizationsRepository,
  em: EntityManager,
  r: PlanInput,
  moving: Array<{ e164: string }>,
): Promise<void> {
  const clash = await repo.claimedByTarget(
    em,
    r.toOrganizationId,
    moving.map((n) => n.e164),
  );
  if (clash !== null) {
    throw new DomainError('DUPLICATE_NUMBER', `The target organization already has ${clash}; withdraw one of the two first`);
  }
  const open = await repo.openOverlapping(em, r);
  for (const o of open) {
    if (o.kind === 'merge' && o.from_organization_id === r.toOrganizationId) {
      throw new DomainError('REORGANIZATION_OVERLAP', `The target organization is itself to be merged (reorganization ${o.id})`);
    }
    if (o.from_organization_id !== r.fromOrganizationId) continue;
    if (o.kind === 'merge' && r.kind === 'merge') {
      throw new DomainError('REORGANIZATION_OVERLAP', `This organization already has an open merge (reorganization ${o.id})`);
    }
    const shared = r.numberIds && o.number_ids ? r.numberIds.filter((id) => o.number_ids!.includes(id)) : [];
    if (shared.length) {
      throw new DomainError('REORGANIZATION_OVERLAP', `Number ${shared[0]} is already in reorganization ${o.id}`);
    }
  }
}
