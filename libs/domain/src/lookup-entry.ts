import { NumberDirection, ReviewStatus } from './lifecycle';

/**
 * What the registry publishes for one number: everything a lookup needs, computed once at write time
 * (in the registry's transaction) so that every lookup instance and every carrier's copy answer alike.
 * Time-dependent rules (validity window, label expiry) are kept as dates and applied at read time.
 */
export interface PublishedDisplay {
  label: string;
  name: string;
  nameAscii: string;
  callReason: string | null;
}

export interface PublishedOrganization {
  code: string;
  name: string;
}

export interface LookupEntry {
  number: string;
  /** 'active' when number, brandname and every organization up the chain are active. */
  state: 'active' | 'suspended';
  direction: NumberDirection;
  display: PublishedDisplay | null;
  organization: PublishedOrganization | null;
  /** Empty: every domestic carrier may originate the number, never INTERNATIONAL. */
  allowedOrigins: string[];
  /**
   * Present while a narrowing of allowedOrigins waits for a second person: the origins it would leave. An origin in
   * allowedOrigins but not here answers `none` (not declined on one person's word); absent otherwise.
   */
  narrowedOrigins?: string[];
  validFrom: string | null;
  validTo: string | null;
  labelExpiresAt: string | null;
}

export interface NumberFacts {
  e164: string;
  status: ReviewStatus;
  direction: NumberDirection;
  allowedOrigins: string[];
  /** The origins a pending narrowing would leave (review-policy pendingOriginNarrowing), or null. */
  narrowedOrigins?: string[] | null;
  validFrom: Date | null;
  validTo: Date | null;
}

export interface BrandnameFacts {
  status: ReviewStatus;
  label: string;
  displayName: string;
  displayNameAscii: string;
  callReason: string | null;
  expiresAt: Date | null;
}

export interface OrganizationFacts {
  code: string;
  name: string;
  status: ReviewStatus;
}

/**
 * The entry to publish for a number, or null when the number answers `unregistered` whatever the time
 * (pending, rejected or revoked number; brandname or organization not approved or revoked).
 * `organizationChain` is the owner first, then its parents up to the root.
 */
export function buildLookupEntry(
  number: NumberFacts,
  brandname: BrandnameFacts,
  organizationChain: OrganizationFacts[],
): LookupEntry | null {
  if (number.status !== 'active' && number.status !== 'suspended') return null;
  const owner = organizationChain[0];
  const statuses = [brandname.status, ...organizationChain.map((o) => o.status)];
  if (statuses.some((s) => s !== 'active' && s !== 'suspended')) return null;
  const state = number.status === 'active' && statuses.every((s) => s === 'active') ? 'active' : 'suspended';
  return {
    number: number.e164,
    state,
    direction: number.direction,
    display: {
      label: brandname.label,
      name: brandname.displayName,
      nameAscii: brandname.displayNameAscii,
      callReason: brandname.callReason,
    },
    organization: { code: owner.code, name: owner.name },
    allowedOrigins: [...number.allowedOrigins].sort(),
    ...(number.narrowedOrigins ? { narrowedOrigins: [...number.narrowedOrigins].sort() } : {}),
    validFrom: number.validFrom ? number.validFrom.toISOString() : null,
    validTo: number.validTo ? number.validTo.toISOString() : null,
    labelExpiresAt: brandname.expiresAt ? brandname.expiresAt.toISOString() : null,
  };
}

export type LookupStatus = 'active' | 'suspended' | 'inbound_only' | 'unregistered';
export type LookupVerdict = 'brand' | 'none' | 'block';
export const INTERNATIONAL_ORIGIN = 'INTERNATIONAL';

export interface LookupAnswer {
  number: string;
  verdict: LookupVerdict;
  status: LookupStatus;
  display: PublishedDisplay | null;
  organization: PublishedOrganization | null;
  originAllowed: boolean | null;
}

/** An entry compiled for the hot path: dates as epoch ms, origins as a set, the constant part of its JSON answer. */
export interface CompiledEntry {
  entry: LookupEntry;
  validFrom: number;
  validTo: number;
  labelExpiresAt: number;
  origins: ReadonlySet<string> | null;
  /** The origins a pending narrowing leaves (null: none pending). */
  narrowed: ReadonlySet<string> | null;
  /** `,"verdict":"brand",…,"originAllowed":` of a branded answer (see answerJson). */
  brandJson: string;
  /** The registry's compact JWS of the entry (made when it was published), or null when not yet signed. */
  jws: string | null;
}

export function compileEntry(
  entry: LookupEntry,
  brandJson = brandFragment(entry.display, entry.organization),
  jws: string | null = null,
): CompiledEntry {
  return new CompactEntry(entry, rulesOf(entry), brandJson, jws);
}

/** The JSON between `"number":"…"` and the origin verdict of a branded answer (field order as in LookupAnswer). */
export function brandFragment(display: PublishedDisplay | null, organization: PublishedOrganization | null): string {
  return `,"verdict":"brand","status":"active","display":${JSON.stringify(display)},"organization":${JSON.stringify(organization)},"originAllowed":`;
}

/** The time and origin rules of an entry, compiled; shared by every entry with the same dates and origins. */
interface EntryRules {
  readonly validFrom: number;
  readonly validTo: number;
  readonly labelExpiresAt: number;
  readonly origins: ReadonlySet<string> | null;
  readonly narrowed: ReadonlySet<string> | null;
}

/**
 * A compiled entry as four references (the entry, its shared rules, its shared JSON fragment and its JWS): a
 * million numbers share a few rules and brandnames, and each number then costs no boxed dates, Set or string of
 * its own but its signature.
 */
class CompactEntry implements CompiledEntry {
  constructor(
    readonly entry: LookupEntry,
    private readonly rules: EntryRules,
    readonly brandJson: string,
    readonly jws: string | null,
  ) {}

  get validFrom(): number {
    return this.rules.validFrom;
  }

  get validTo(): number {
    return this.rules.validTo;
  }

  get labelExpiresAt(): number {
    return this.rules.labelExpiresAt;
  }

  get origins(): ReadonlySet<string> | null {
    return this.rules.origins;
  }

  get narrowed(): ReadonlySet<string> | null {
    return this.rules.narrowed;
  }
}

/** Bounded cache of compiled rules (emptied when full: it only saves memory, never changes an answer). */
const RULES_CACHE_LIMIT = 10_000;
let rulesCache = new Map<string, EntryRules>();

function rulesOf(entry: LookupEntry): EntryRules {
  const key = `${entry.validFrom}|${entry.validTo}|${entry.labelExpiresAt}|${entry.allowedOrigins.join(',')}|${entry.narrowedOrigins?.join(',') ?? '-'}`;
  const cached = rulesCache.get(key);
  if (cached !== undefined) return cached;
  const rules: EntryRules = {
    validFrom: entry.validFrom ? Date.parse(entry.validFrom) : -Infinity,
    validTo: entry.validTo ? Date.parse(entry.validTo) : Infinity,
    labelExpiresAt: entry.labelExpiresAt ? Date.parse(entry.labelExpiresAt) : Infinity,
    origins: entry.allowedOrigins.length > 0 ? new Set(entry.allowedOrigins) : null,
    narrowed: entry.narrowedOrigins ? new Set(entry.narrowedOrigins) : null,
  };
  if (rulesCache.size >= RULES_CACHE_LIMIT) rulesCache = new Map();
  rulesCache.set(key, rules);
  return rules;
}

/** What a lookup answers, as a small number so the hot path allocates nothing to decide it. */
export const ANSWER = { unregistered: 0, suspended: 1, inboundOnly: 2, originBlocked: 3, brand: 4, originNarrowing: 5 } as const;
export type AnswerKind = (typeof ANSWER)[keyof typeof ANSWER];
export const VERDICT_OF: readonly LookupVerdict[] = ['none', 'none', 'block', 'block', 'brand', 'none'];

/** The one rule deciding an answer, for a number's compiled entry at time `now` (undefined: not registered). */
export function classifyLookup(compiled: CompiledEntry | undefined, now: number, origin?: string): AnswerKind {
  // The validity window bounds the number itself: outside it the number is not registered at all.
  if (!compiled || now < compiled.validFrom || now >= compiled.validTo) return ANSWER.unregistered;
  const { entry } = compiled;
  if (entry.state === 'suspended') return ANSWER.suspended;
  // A number that never places calls: any call presenting it is spoofed.
  if (entry.direction === 'inbound_only') return ANSWER.inboundOnly;
  if (now >= compiled.labelExpiresAt) return ANSWER.unregistered;
  if (origin !== undefined && !isOriginAllowed(compiled.origins, origin)) return ANSWER.originBlocked;
  // An origin a pending narrowing removes: not branded, and not declined on one person's word either.
  if (origin !== undefined && compiled.narrowed !== null && !compiled.narrowed.has(origin)) return ANSWER.originNarrowing;
  return ANSWER.brand;
}

/**
 * originAllowed of an answer: null without an origin; no registry claim on an unregistered or suspended number,
 * so no origin is refused for it; an inbound-only number refuses every origin.
 */
function originAllowedOf(kind: AnswerKind, origin: string | undefined): boolean | null {
  if (origin === undefined) return null;
  return kind !== ANSWER.inboundOnly && kind !== ANSWER.originBlocked && kind !== ANSWER.originNarrowing;
}

/** The lookup answer for a number at time `now`, from its compiled entry (undefined: not registered). */
export function resolveLookup(e164: string, compiled: CompiledEntry | undefined, now: number, origin?: string): LookupAnswer {
  const kind = classifyLookup(compiled, now, origin);
  const originAllowed = originAllowedOf(kind, origin);
  if (kind === ANSWER.brand) {
    const { entry } = compiled!;
    return { number: e164, verdict: 'brand', status: 'active', display: entry.display, organization: entry.organization, originAllowed };
  }
  return { number: e164, verdict: VERDICT_OF[kind], status: STATUS_OF[kind], display: null, organization: null, originAllowed };
}

const STATUS_OF: readonly LookupStatus[] = ['unregistered', 'suspended', 'inbound_only', 'active', 'active', 'active'];
/** Everything after `"number":"…"` up to the origin verdict, for each answer without a display. */
const PLAIN_JSON: readonly string[] = STATUS_OF.map(
  (status, kind) => `,"verdict":"${VERDICT_OF[kind]}","status":"${status}","display":null,"organization":null,"originAllowed":`,
);

/**
 * The answer of resolveLookup as JSON, from parts prepared when the entry was compiled: only the number, the
 * origin verdict and `tail` (`,"registryVersion":…,"ttlSeconds":…}`, which the caller keeps per version) vary.
 * `e164` is a parsed or indexed E.164 number ('+' and digits), so it needs no escaping.
 */
export function answerJson(
  kind: AnswerKind,
  e164: string,
  compiled: CompiledEntry | undefined,
  origin: string | undefined,
  tail: string,
): string {
  const fragment = kind === ANSWER.brand ? compiled!.brandJson : PLAIN_JSON[kind];
  return `{"number":"${e164}"${fragment}${originAllowedOf(kind, origin)}${tail}`;
}

/** answerJson's parts, for a writer that copies the brand fragment as bytes: up to the origin verdict (no display)… */
export function answerPrefixJson(kind: AnswerKind, e164: string): string {
  return `{"number":"${e164}"${PLAIN_JSON[kind]}`;
}

/** …and the origin verdict itself. */
export function originAllowedJson(kind: AnswerKind, origin: string | undefined): string {
  return String(originAllowedOf(kind, origin));
}

function isOriginAllowed(origins: ReadonlySet<string> | null, origin: string): boolean {
  if (origins === null) return origin !== INTERNATIONAL_ORIGIN;
  return origins.has(origin);
}
