import { EntityManager } from 'typeorm';
import { DomainError, ReorganizationOrg, ReorganizationPlan, ReviewStatus } from '@app/domain';
import { Reorganization } from '@app/database';

type PlanInput = Pick<Reorganization, 'id' | 'kind' | 'fromOrganizationId' | 'toOrganizationId' | 'toBrandnameId' | 'numberIds'>;

/** The facts checkReorganization needs, read in the caller's transaction (locked by the caller where it matters). */
export async function loadPlan(em: EntityManager, r: PlanInput): Promise<ReorganizationPlan> {
  const rows: Array<{ id: string; code: string; status: ReviewStatus; parent_id: string | null }> = await em.query(
    'SELECT id, code, status, parent_id FROM organizations',
  );
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
  const [brandname] = await em.query('SELECT organization_id, status, label FROM brandnames WHERE id = $1', [r.toBrandnameId]);
  if (!brandname) throw new DomainError('NOT_FOUND', 'No such target brandname');
  const numbers: Array<{ id: string; organization_id: string; status: ReviewStatus }> = r.numberIds
    ? await em.query('SELECT id, organization_id, status FROM caller_numbers WHERE id = ANY($1)', [r.numberIds])
    : [];
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

/** The ids of the numbers that move: every current number of the source for a merge, the named ones for a transfer. */
export async function numbersThatMove(em: EntityManager, r: PlanInput, lock = false): Promise<Array<{ id: string; e164: string }>> {
  const current = `status IN ('pending', 'active', 'suspended')`;
  const forUpdate = lock ? ' ORDER BY id FOR UPDATE' : ' ORDER BY id';
  return r.kind === 'merge'
    ? em.query(`SELECT id, e164 FROM caller_numbers WHERE organization_id = $1 AND ${current}${forUpdate}`, [r.fromOrganizationId])
    : em.query(`SELECT id, e164 FROM caller_numbers WHERE id = ANY($1) AND organization_id = $2 AND ${current}${forUpdate}`, [
        r.numberIds,
        r.fromOrganizationId,
      ]);
}

/**
 * Refuses what would collide: the target already claims one of the numbers (one claim per organization), a
 * number already in another open transfer, a second open merge of the same source, or a merge into an
 * organization that is itself being merged away by an open merge.
 */
export async function assertNoOverlap(em: EntityManager, r: PlanInput, moving: Array<{ e164: string }>): Promise<void> {
  const clash = await em.query(
    `SELECT e164 FROM caller_numbers WHERE organization_id = $1 AND e164 = ANY($2) AND status IN ('pending', 'active', 'suspended') LIMIT 1`,
    [r.toOrganizationId, moving.map((n) => n.e164)],
  );
  if (clash.length) {
    throw new DomainError('DUPLICATE_NUMBER', `The target organization already has ${clash[0].e164}; withdraw one of the two first`);
  }
  const open: Array<{ id: string; kind: string; from_organization_id: string; number_ids: string[] | null }> = await em.query(
    `SELECT id, kind, from_organization_id, number_ids FROM reorganizations
      WHERE status IN ('pending', 'scheduled') AND id IS DISTINCT FROM $1
        AND (from_organization_id = $2 OR (kind = 'merge' AND from_organization_id = $3))`,
    [r.id ?? null, r.fromOrganizationId, r.toOrganizationId],
  );
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
