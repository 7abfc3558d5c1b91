import type { ProtectedNameClaims, PublishedProtectedName } from '../protected-names/published-protected-name';

/**
 * Whether a protected name's signed claims say what the unsigned entry beside them says: the first disagreement
 * as a sentence, or null. A verifier that accepted the signature but skipped this would trust an altered entry.
 */
export function protectedNameDisagreement(entry: PublishedProtectedName, claims: ProtectedNameClaims): string | null {
  if (claims.sub !== entry.id) return `sub ${claims.sub} is not the id ${entry.id}`;
  if (claims.term !== entry.term) return 'term differs';
  if (!sameList(claims.spl, entry.spellings)) return 'spl differs from spellings';
  if (!sameList(claims.kinds, entry.kinds)) return 'kinds differ';
  if (claims.src !== entry.source) return 'src differs from source';
  return null;
}

function sameList(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => x === b[i]);
}
