import { EntityManager } from 'typeorm';
import { DomainError, NormalizedBrandname, skeletonSimilarity } from '@app/domain';
import type { Actor } from '../common/request-context';

// Serialises the look-alike check with the write it guards (a look-alike could otherwise slip in between).
const BRANDNAME_NAMES_LOCK = 7_428_103;

/**
 * Refuses a name that looks like a live brandname of another organization: the same TR39 skeleton always, one
 * edit away unless a regulator accepted it with a reason (returned, to be stored and audited). Exact label
 * duplicates are left to the unique index (DUPLICATE_LABEL). Agency admins are never told whose name it is.
 */
export async function checkLookalikes(
  em: EntityManager,
  actor: Actor,
  organizationId: string,
  names: NormalizedBrandname,
  selfId: string | null,
  overrideReason: string | null,
): Promise<string | null> {
  await em.query('SELECT pg_advisory_xact_lock($1)', [BRANDNAME_NAMES_LOCK]);
  const rows: Array<{ label: string; code: string; skeletons: string[] }> = await em.query(
    `SELECT b.label, o.code, b.skeletons FROM brandnames b JOIN organizations o ON o.id = b.organization_id
      WHERE b.organization_id <> $1 AND b.label_key <> $2 AND b.status IN ('pending', 'active', 'suspended')
        AND ($3::uuid IS NULL OR b.id <> $3::uuid)`,
    [organizationId, names.labelKey, selfId],
  );
  let near: (typeof rows)[number] | null = null;
  for (const row of rows) {
    const similarity = skeletonSimilarity(names.skeletons, row.skeletons);
    if (similarity === 'same') throw lookalike(actor, names, row, 'looks like');
    if (similarity === 'near') near ??= row;
  }
  if (!near) return null;
  if (overrideReason) return overrideReason;
  throw lookalike(actor, names, near, 'is one character away from');
}

/** Only a regulator may accept a near look-alike, and only with a reason. */
export function assertMayOverride(actor: Actor, reason: string | undefined | null): string | null {
  const trimmed = reason?.trim() || null;
  if (trimmed && actor.role !== 'regulator') {
    throw new DomainError('FORBIDDEN', "Only a regulator may accept a name that resembles another organization's");
  }
  return trimmed;
}

function lookalike(actor: Actor, names: NormalizedBrandname, clash: { label: string; code: string }, how: string): DomainError {
  const ours = `"${names.label}" / "${names.displayName}"`;
  if (actor.role !== 'regulator') {
    return new DomainError('CONFUSABLE_NAME', `${ours} ${how} another organization's brandname; choose a clearly different name`);
  }
  const hint = how === 'looks like' ? '' : '; to accept it, send lookalikeOverrideReason';
  return new DomainError('CONFUSABLE_NAME', `${ours} ${how} the brandname "${clash.label}" of organization ${clash.code}${hint}`);
}
