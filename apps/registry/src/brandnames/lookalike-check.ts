import { DomainError, NormalizedBrandname, skeletonSimilarity } from '@app/domain';
import type { Actor } from '../common/request-context';

/** Another organization's brandname that still holds its label, as the look-alike check compares it. */
export interface Rival {
  label: string;
  code: string;
  skeletons: string[];
}

/**
 * Refuses a name that looks like a live brandname of another organization: the same TR39 skeleton always, one
 * edit away unless a regulator accepted it with a reason (returned, to be stored and audited). Exact label
 * duplicates are left to the unique index (DUPLICATE_LABEL). Agency admins are never told whose name it is.
 * `rivals` come from BrandnamesRepository.lookalikeRivals, read under its lock.
 */
export function checkLookalikes(
  actor: Actor,
  rivals: readonly Rival[],
  names: NormalizedBrandname,
  overrideReason: string | null,
): string | null {
  let near: Rival | null = null;
  for (const row of rivals) {
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
