import type { AccountStatus, UserRole } from './lifecycle';
import { INTERNATIONAL_ORIGIN } from './lookup-entry';

/**
 * The review policy: the one place that decides whether a change needs a second person.
 *
 * - `reviewed`: needs a second person before it affects lookups. Everything a handset shows, and everything
 *   that widens who may brand.
 * - `narrowing`: applies at once when it narrows (the answer gets safer), is reviewed when it widens.
 * - `held_narrowing`: always waits for a second person; while a narrowing waits, what it removes answers `none`
 *   (neither branded nor declined): one person's word never declines a call, and never brands one.
 * - `immediate`: applies at once; it neither shows on a handset nor widens who may brand.
 *
 * Creating an item needs no entry here: every new organization, brandname and number starts pending
 * (lifecycle INITIAL_STATUS), so all of it is reviewed. Accounts follow `reviewOfNewAccount`.
 * A reorganization (a merge or transfer of numbers) changes what many handsets show at once: it always starts
 * pending, and its approval is barred to its proposer by `partiesBarredFrom('approve', …)` like any item's.
 */
export type ChangeRule = 'reviewed' | 'narrowing' | 'held_narrowing' | 'immediate';

export const REVIEW_POLICY = {
  organization: {
    name: 'reviewed', // shown beside the brand
    parentId: 'reviewed', // a parent's suspension covers its children: detaching one re-brands it
    rolloutWave: 'immediate', // planning only
    secondFactorRequired: 'narrowing', // requiring a second factor of its agency admins applies at once; lifting it is reviewed
  },
  brandname: {
    label: 'reviewed',
    displayName: 'reviewed',
    displayNameAscii: 'reviewed',
    callReason: 'reviewed',
  },
  number: {
    brandnameId: 'reviewed', // which name shows
    direction: 'reviewed', // inbound-only blocks every call; outbound lets it brand
    // Adding an origin (INTERNATIONAL above all) or clearing widens; removing one declines calls (block) once
    // confirmed, and until then answers none for the removed origins (pendingOriginNarrowing).
    allowedOrigins: 'held_narrowing',
    validFrom: 'narrowing', // later narrows; earlier or cleared widens
    validTo: 'narrowing', // earlier narrows; later or cleared widens
    evidence: 'immediate', // what the reviewer read; shown nowhere
  },
  carrier: {
    // Who may look up, not what is shown: a suspended carrier's subscribers see bare numbers, never a wrong name.
    name: 'immediate',
    status: 'immediate',
  },
  user: {
    role: 'reviewed', // becoming a regulator needs a second regulator (reviewOfNewAccount, reviewOfAccountChange)
    status: 'narrowing', // disabling applies at once; making a regulator active again is reviewed
    organizationId: 'immediate', // an agency admin acts for one organization, and its submissions are reviewed
    username: 'immediate',
    password: 'immediate',
    enroll: 'immediate', // how the holder's password is set (its own, with a code in two halves); never shown anywhere
  },
} as const satisfies Record<string, Record<string, ChangeRule>>;

export type PolicyKind = keyof typeof REVIEW_POLICY;

/**
 * Fields that change together: if one of them waits for review, so do the others changed with it. A validity
 * window whose later end needs review while its later start would apply at once could otherwise be empty.
 */
const LINKED_FIELDS: Partial<Record<PolicyKind, ReadonlyArray<readonly string[]>>> = {
  number: [['validFrom', 'validTo']],
};

/**
 * Values compared by the policy: strings, numbers, null, sorted string arrays; dates as ISO-8601 strings.
 * `allowedOrigins` empty means every domestic carrier (never INTERNATIONAL).
 */
export type PolicyValue = string | number | boolean | null | readonly string[];
export type PolicyFields = Record<string, PolicyValue>;

export interface SplitChange {
  /** Fields that apply at once. */
  immediate: PolicyFields;
  /** Fields that wait for a second person (a revision of a live item). */
  reviewed: PolicyFields;
}

/** Does `after` narrow (or keep) what `before` allowed? For `narrowing` fields, and origins. */
const NARROWS: Record<string, (before: PolicyValue, after: PolicyValue) => boolean> = {
  allowedOrigins: (before, after) => originsNarrow(before as readonly string[], after as readonly string[]),
  secondFactorRequired: (_before, after) => after === true,
  validFrom: (before, after) => after !== null && (before === null || time(after) >= time(before)),
  validTo: (before, after) => after !== null && (before === null || time(after) <= time(before)),
};

/**
 * Splits a proposed edit of a live item into what applies at once and what waits for review. Fields equal to
 * the live value are dropped; a field the policy does not list is a programming error, not a user error.
 */
export function splitChange(kind: PolicyKind, live: PolicyFields, proposed: PolicyFields): SplitChange {
  const rules: Record<string, ChangeRule> = REVIEW_POLICY[kind];
  const split: SplitChange = { immediate: {}, reviewed: {} };
  for (const [field, value] of Object.entries(proposed)) {
    const rule = rules[field];
    if (!rule) throw new Error(`The review policy has no rule for ${kind}.${field}`);
    if (sameValue(live[field], value)) continue;
    const immediate = rule === 'immediate' || (rule === 'narrowing' && NARROWS[field](live[field], value));
    (immediate ? split.immediate : split.reviewed)[field] = value;
  }
  for (const group of LINKED_FIELDS[kind] ?? []) {
    if (!group.some((f) => f in split.reviewed)) continue;
    for (const f of group) {
      if (f in split.immediate) {
        split.reviewed[f] = split.immediate[f];
        delete split.immediate[f];
      }
    }
  }
  return split;
}

/**
 * The origins a pending revision would leave, when it narrows the live ones: until a second person confirms it, an
 * origin it removes answers `none` (not declined). Null when the revision does not narrow the origins.
 */
export function pendingOriginNarrowing(liveOrigins: readonly string[], changes: Record<string, unknown>): string[] | null {
  const proposed = changes.allowedOrigins;
  if (!Array.isArray(proposed)) return null;
  const after = [...(proposed as string[])].sort();
  if (sameValue(after, [...liveOrigins].sort())) return null;
  return originsNarrow(liveOrigins, after) ? after : null;
}

export function sameValue(a: PolicyValue | undefined, b: PolicyValue | undefined): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return JSON.stringify(a) === JSON.stringify(b);
  return a === b;
}

/** Every origin the new list allows was allowed before; an empty list means every domestic carrier. */
export function originsNarrow(before: readonly string[], after: readonly string[]): boolean {
  if (after.length === 0) return before.length === 0;
  if (before.length === 0) return !after.includes(INTERNATIONAL_ORIGIN);
  return after.every((o) => before.includes(o));
}

function time(value: PolicyValue): number {
  return Date.parse(value as string);
}

// ---------------------------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------------------------

/**
 * How a new account starts:
 * - `installation`: the first regulator of an empty registry (the registry's first start, or the CLI): active;
 * - `bootstrap_pair`: the second regulator, created through the API by the only active regulator while the
 *   registry has not been bootstrapped: active at once. The bootstrap is recorded when a second regulator first
 *   exists (this, or the approval of a pending one), once for good: demoting, disabling or deleting regulators
 *   never re-arms it;
 * - `reviewed`: every other regulator, through the API or the CLI (the CLI on a registry that has an active
 *   regulator), is pending until a person who cannot act as it (nor as whoever created it) approves it;
 * - `immediate`: agency admins and auditors, active at once: what they submit is reviewed, and whoever created
 *   them controls them (see four-eyes.ts).
 * The creator of an `installation` or `bootstrap_pair` account is recorded as an installation fact: trusted once,
 * not counted as control, so that the bootstrap pair are two people.
 */
export type AccountReview = 'installation' | 'bootstrap_pair' | 'reviewed' | 'immediate';

export interface RegistryAccounts {
  /** The one-time bootstrap fact has been recorded. */
  bootstrapped: boolean;
  /** Active regulator accounts. */
  regulators: number;
}

export function reviewOfNewAccount(role: UserRole, accounts: RegistryAccounts, via: 'api' | 'cli'): AccountReview {
  if (role !== 'regulator') return 'immediate';
  if (accounts.bootstrapped) return 'reviewed';
  if (accounts.regulators === 0) return 'installation';
  return accounts.regulators === 1 && via === 'api' ? 'bootstrap_pair' : 'reviewed';
}

export function initialAccountStatus(review: AccountReview): AccountStatus {
  return review === 'reviewed' ? 'pending' : 'active';
}

/**
 * The bootstrap is recorded when a second active regulator first exists, once: a regulator becoming active (its
 * creation as the bootstrap pair, or a pending one's approval) while `accounts` says so is that moment.
 */
export function bootstrapsRegistry(role: UserRole, status: AccountStatus, accounts: RegistryAccounts): boolean {
  return role === 'regulator' && status === 'active' && !accounts.bootstrapped && accounts.regulators >= 1;
}

/**
 * An edit of an account: whatever would leave an active regulator who was not one before (a promotion, or a
 * disabled regulator enabled again) waits, as `pending`, for a regulator other than the one who made it; every
 * other change (a demotion, disabling, an agency admin's organization) applies at once.
 */
export function reviewOfAccountChange(
  before: { role: UserRole; status: AccountStatus },
  after: { role: UserRole; status: AccountStatus },
): 'reviewed' | 'immediate' {
  const becomesRegulator = after.role === 'regulator' && after.status === 'active';
  const wasRegulator = before.role === 'regulator' && before.status === 'active';
  return becomesRegulator && !wasRegulator ? 'reviewed' : 'immediate';
}
