import { ProtectedNameList, ProtectedNameMatch } from '../protected-names/protected-name-list';
import type { PublishedProtectedName } from '../protected-names/published-protected-name';

/** A protected name as the lookup serves it: the published entry, the registry version that published it, its JWS. */
export interface SignedProtectedName {
  entry: PublishedProtectedName;
  version: number;
  jws: string;
}

/** A change of a protected name in the feed (rows with e164 null): an upsert carries the entry and its JWS. */
export interface ProtectedNameChange {
  version: number;
  id: string;
  op: 'upsert' | 'remove';
  entry: PublishedProtectedName | null;
  jws: string | null;
}

/** Texts remembered per list; past it the memory starts afresh (callers repeat a few names far more than others). */
const MATCH_CACHE_MAX = 10_000;

/**
 * A compiled list with the texts it has matched remembered: screening sees the same caller names again and again
 * (a scam campaign spoofs one name at volume), so a repeated name costs a map lookup instead of the folding and
 * matching (about 10 µs). A new list (any change) starts with an empty memory.
 */
export class CachedNameMatcher {
  private readonly seen = new Map<string, ProtectedNameMatch[]>();

  constructor(readonly list: ProtectedNameList) {}

  findAll(text: string): ProtectedNameMatch[] {
    let found = this.seen.get(text);
    if (found === undefined) {
      found = this.list.findAll(text);
      if (this.seen.size >= MATCH_CACHE_MAX) this.seen.clear();
      this.seen.set(text, found);
    }
    return found;
  }
}

/**
 * The protected names in force, as a lookup (or a carrier's copy) holds them: by id, with the compiled matcher.
 * Names change rarely (a reviewed proposal), so each change compiles the list again; a request only reads
 * `list`. `lastChange` is the version of the last change applied, removals included: the feed's ETag.
 */
export class PublishedNames {
  private byId = new Map<string, SignedProtectedName>();
  private compiled: ProtectedNameList = ProtectedNameList.EMPTY;
  private cached = new CachedNameMatcher(ProtectedNameList.EMPTY);
  private last = 0;

  get list(): ProtectedNameList {
    return this.compiled;
  }

  /** The list with a memory of the texts it matched (screening's hot path). */
  get matcher(): CachedNameMatcher {
    return this.cached;
  }

  get size(): number {
    return this.byId.size;
  }

  /** The version of the last name change (0: none): it moves on every upsert and removal. */
  get lastChange(): number {
    return this.last;
  }

  /** Replaces everything; `lastChange`: the latest name change known (a removal leaves no row behind). */
  load(rows: Iterable<SignedProtectedName>, lastChange: number): void {
    this.byId = new Map();
    let last = lastChange;
    for (const row of rows) {
      this.byId.set(row.entry.id, row);
      if (row.version > last) last = row.version;
    }
    this.last = last;
    this.compile();
  }

  /** Applies name changes in version order; those at or below the last one applied are skipped. */
  apply(changes: readonly ProtectedNameChange[]): number {
    let applied = 0;
    for (const c of changes) {
      if (c.version <= this.last) continue;
      if (c.op === 'remove' || !c.entry || !c.jws) this.byId.delete(c.id);
      else this.byId.set(c.id, { entry: c.entry, version: c.version, jws: c.jws });
      this.last = c.version;
      applied++;
    }
    if (applied) this.compile();
    return applied;
  }

  /** Every name, ordered by term then id (a stable order for the feed and the snapshot). */
  values(): SignedProtectedName[] {
    return [...this.byId.values()].sort((a, b) =>
      a.entry.term < b.entry.term ? -1 : a.entry.term > b.entry.term ? 1 : a.entry.id < b.entry.id ? -1 : 1,
    );
  }

  private compile(): void {
    this.compiled = ProtectedNameList.of([...this.byId.values()].map((r) => r.entry));
    this.cached = new CachedNameMatcher(this.compiled);
  }
}
