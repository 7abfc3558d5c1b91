import type { OrganizationKind } from '../lifecycle';
import type { PublishedOrganization } from '../lookup-entry';
import type { ProtectedNameMatch } from '../protected-names/protected-name-list';

/** What screening matches with: a ProtectedNameList, or one that remembers (CachedNameMatcher). */
export interface NameMatcher {
  findAll(text: string): ProtectedNameMatch[];
}

export const SCREEN_VERDICTS = ['registered', 'impersonation', 'clean'] as const;
export type ScreenVerdict = (typeof SCREEN_VERDICTS)[number];

/** What a caller presents: a display name (voice) and/or a sender ID (SMS). */
export interface ScreenClaim {
  displayName?: string;
  senderId?: string;
}

/** The number's brand now (a lookup without origin answering `brand`), with its organization's kind; null otherwise. */
export interface ScreenBrand {
  organization: PublishedOrganization;
  kind: OrganizationKind | undefined;
}

export interface ScreenAnswer {
  verdict: ScreenVerdict;
  /** The canonical term claimed: the one refused (impersonation) or the first one the organization may use (registered). */
  term?: string;
  /** The organization the number is branded by, with `registered`. */
  organization?: PublishedOrganization;
}

/**
 * The screening rule (POST /v1/screen, and the Kamailio integration through it):
 * - `impersonation`: the display name or sender ID claims a protected term that the number's organization may not
 *   use, because the number is not branded now or because its organization's kind does not own the term;
 * - `registered`: the number is branded now and its organization may use every term claimed (also when nothing
 *   protected is claimed: the caller is a registered body, whatever name it presents, and the lookup brands it);
 * - `clean`: nothing protected is claimed and the number is not branded (or not given).
 * An organization whose kind is unknown (not loaded yet) owns no term: refusing a real body for a moment is the
 * safe side, letting an impersonator through is not.
 */
export function screenCaller(list: NameMatcher, claim: ScreenClaim, brand: ScreenBrand | null): ScreenAnswer {
  const claimed = claimedTerms(list, claim);
  const refused = claimed.find((m) => !brand || brand.kind === undefined || !m.kinds.includes(brand.kind));
  if (refused) return { verdict: 'impersonation', term: refused.term };
  if (brand)
    return claimed.length
      ? { verdict: 'registered', term: claimed[0].term, organization: brand.organization }
      : { verdict: 'registered', organization: brand.organization };
  return { verdict: 'clean' };
}

function claimedTerms(list: NameMatcher, claim: ScreenClaim): ProtectedNameMatch[] {
  const found = claim.displayName ? [...list.findAll(claim.displayName)] : [];
  if (!claim.senderId) return found;
  for (const m of list.findAll(claim.senderId)) if (!found.some((f) => f.id === m.id)) found.push(m);
  return found;
}
