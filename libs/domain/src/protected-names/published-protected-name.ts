import type { OrganizationKind } from '../lifecycle';
import { REGISTRY_ISSUER } from '../signing/entry-claims';
import type { ProtectedName } from './protected-name-list';

/** The JWS type of a protected name's signature (the same key signs numbers' entries). */
export const PROTECTED_NAME_JWS_TYP = 'vbr-protected-name+jwt';

/** A protected name as lookups, carriers and gateways get it. */
export interface PublishedProtectedName {
  id: string;
  term: string;
  spellings: string[];
  kinds: OrganizationKind[];
  source: string;
}

export function publishedProtectedName(name: ProtectedName): PublishedProtectedName {
  return { id: name.id, term: name.term, spellings: [...name.spellings], kinds: [...name.kinds], source: name.source };
}

/** What a protected name's JWS says; field order fixed, so the same entry always gives the same bytes. */
export interface ProtectedNameClaims {
  iss: string;
  sub: string;
  term: string;
  spl: string[];
  kinds: OrganizationKind[];
  src: string;
  ver: number;
  iat: number;
}

export function protectedNameClaims(entry: PublishedProtectedName, ver: number, iat: number): ProtectedNameClaims {
  return {
    iss: REGISTRY_ISSUER,
    sub: entry.id,
    term: entry.term,
    spl: [...entry.spellings],
    kinds: [...entry.kinds],
    src: entry.source,
    ver,
    iat,
  };
}

/**
 * Whether two published forms say the same (a name is published again only when it changed). Field by field: a
 * form read back from jsonb has its keys in the database's order.
 */
export function samePublishedProtectedName(a: PublishedProtectedName, b: PublishedProtectedName): boolean {
  const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);
  return a.id === b.id && a.term === b.term && a.source === b.source && sameList(a.spellings, b.spellings) && sameList(a.kinds, b.kinds);
}
