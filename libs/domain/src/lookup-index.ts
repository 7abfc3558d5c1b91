import {
  brandFragment,
  compileEntry,
  CompiledEntry,
  LookupAnswer,
  LookupEntry,
  PublishedDisplay,
  PublishedOrganization,
  resolveLookup,
} from './lookup-entry';

/** Digits grouped by single spaces, dots or dashes after "+84" or the trunk "0": see registeredKey(). */
const PLAIN_FORMAT = /^(?:\+84[ .-]?|0)[1-9]\d*(?:[ .-]\d+)*$/;
const SEPARATORS = /[ .-]/g;
/** The country code without its "+" ("84912345678"), grouped the same way: see registeredKey(). */
const BARE_CODE_FORMAT = /^84[ .-]?[1-9]\d*(?:[ .-]\d+)*$/;
/** Longer inputs are never numbers (the phone parser refuses them too). */
const PLAIN_MAX_LENGTH = 32;

export interface FeedChange {
  version: number;
  /** null for a change that is not a number's (a protected name's: PublishedNames applies it); it only moves the version. */
  number: string | null;
  op: 'upsert' | 'remove';
  entry: LookupEntry | null;
  /** The registry's JWS of an upsert's entry (null: published before signing, re-signed later). */
  jws?: string | null;
}

/** A published entry with its signature, as published_numbers holds it. */
export interface SignedEntry {
  entry: LookupEntry;
  jws: string | null;
}

/**
 * The in-memory index every lookup is answered from: published entries by E.164, at a registry version.
 * Changes must be applied in version order; a gap means the caller missed some and must reload.
 */
export class LookupIndex {
  private entries = new Map<string, CompiledEntry>();
  private currentVersion = 0;
  /** Values many entries have in common, by kind and JSON; see share(). */
  private shared = new Map<string, unknown>();
  /** Each shared display and organization pair's JSON fragment, built once (see compile()). */
  private fragments = new Map<PublishedDisplay | null, Map<PublishedOrganization | null, string>>();
  loaded = false;

  get version(): number {
    return this.currentVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything with a snapshot taken at `version` (entries without signatures). */
  load(entries: Iterable<LookupEntry>, version: number): void {
    const signed = function* () {
      for (const entry of entries) yield { entry, jws: null };
    };
    this.loadSigned(signed(), version);
  }

  /** Replaces everything with a snapshot of signed entries taken at `version`. */
  loadSigned(rows: Iterable<SignedEntry>, version: number): void {
    const next = new Map<string, CompiledEntry>();
    this.shared = new Map();
    this.fragments = new Map();
    for (const { entry, jws } of rows) next.set(entry.number, this.compile(entry, jws));
    this.entries = next;
    this.currentVersion = version;
    this.loaded = true;
  }

  /** Applies changes newer than the index; returns false on a gap (reload needed). */
  apply(changes: FeedChange[]): boolean {
    for (const change of changes) {
      if (change.version <= this.currentVersion) continue;
      if (change.version !== this.currentVersion + 1) return false;
      if (change.number === null) {
        // not a number's change
      } else if (change.op === 'remove' || !change.entry) this.entries.delete(change.number);
      else this.entries.set(change.number, this.compile(change.entry, change.jws ?? null));
      this.currentVersion = change.version;
    }
    return true;
  }

  lookup(e164: string, now: number, origin?: string): LookupAnswer {
    return resolveLookup(e164, this.entries.get(e164), now, origin);
  }

  /** The compiled entry of an E.164 number (undefined: not registered). */
  get(e164: string): CompiledEntry | undefined {
    return this.entries.get(e164);
  }

  /**
   * The E.164 form of an input written plainly ("+84912345678", "0912 345 678", "024.3943.7142"): "+84" or the
   * trunk "0" (VN's only national prefix), then digits (the first not 0) grouped by single spaces, dots or dashes.
   * undefined for anything else. Not a second parser: the phone parser ignores these separators and reads both
   * prefixes as exactly this number, so it gives this key for a valid number and refuses an invalid one in either
   * form; a registered key (valid by construction) needs no parse at all, and any other plain input can be parsed
   * in this one form, so all its spellings share one entry of the parser's cache.
   */
  plainKey(input: string): string | undefined {
    if (input.length > PLAIN_MAX_LENGTH || !PLAIN_FORMAT.test(input)) return undefined;
    const digits =
      input.indexOf(' ') === -1 && input.indexOf('.') === -1 && input.indexOf('-') === -1 ? input : input.replace(SEPARATORS, '');
    return digits.charCodeAt(0) === 43 /* + */ ? digits : `+84${digits.slice(1)}`;
  }

  /**
   * The key of a registered number written plainly (see plainKey), or as "84" and its national number without
   * the "+", or undefined. The parser reads "84" + N as "+84" + N when N is a valid number and "84" + N is not a
   * valid national number, or is too long for one: VN's national numbers that start with 8 have 9 digits, so
   * for N of 8 digits or more that holds (property-tested against the parser, which catches a metadata change).
   */
  registeredKey(input: string): string | undefined {
    const key = this.plainKey(input);
    if (key !== undefined) return this.entries.has(key) ? key : undefined;
    if (input.length > PLAIN_MAX_LENGTH || !BARE_CODE_FORMAT.test(input)) return undefined;
    const digits = input.replace(SEPARATORS, '');
    return digits.length >= 10 && this.entries.has(`+${digits}`) ? `+${digits}` : undefined;
  }

  *values(): IterableIterator<CompiledEntry> {
    yield* this.entries.values();
  }

  /**
   * Memory: a million numbers share a handful of brandnames, organizations, origin lists and label expiry dates,
   * but each entry parsed from JSON carries its own copies. The index takes the entries it is given and points
   * those fields at one shared, equal value (same JSON, same key order), so every answer is unchanged while an
   * entry costs about half the memory. The pool holds only per-brandname and per-organization values (bounded),
   * and starts afresh at each load.
   */
  private compile(entry: LookupEntry, jws: string | null): CompiledEntry {
    entry.state = this.share('s', entry.state);
    entry.direction = this.share('s', entry.direction);
    if (entry.display) entry.display = this.share('d', entry.display);
    if (entry.organization) entry.organization = this.share('o', entry.organization);
    if (entry.allowedOrigins) entry.allowedOrigins = this.share('a', entry.allowedOrigins);
    if (entry.labelExpiresAt) entry.labelExpiresAt = this.share('s', entry.labelExpiresAt);
    return compileEntry(entry, this.fragment(entry.display, entry.organization), jws);
  }

  /** The answer JSON's constant part, prepared here (when a change is applied), never per request. */
  private fragment(display: PublishedDisplay | null, organization: PublishedOrganization | null): string {
    let byOrganization = this.fragments.get(display);
    if (!byOrganization) this.fragments.set(display, (byOrganization = new Map()));
    let json = byOrganization.get(organization);
    if (json === undefined) byOrganization.set(organization, (json = brandFragment(display, organization)));
    return json;
  }

  private share<T>(kind: string, value: T): T {
    const key = typeof value === 'string' ? kind + value : kind + JSON.stringify(value);
    const found = this.shared.get(key);
    if (found !== undefined) return found as T;
    this.shared.set(key, value);
    return value;
  }
}
