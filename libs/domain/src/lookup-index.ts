import { compileEntry, CompiledEntry, LookupAnswer, LookupEntry, resolveLookup } from './lookup-entry';

export interface FeedChange {
  version: number;
  number: string;
  op: 'upsert' | 'remove';
  entry: LookupEntry | null;
}

/**
 * The in-memory index every lookup is answered from: published entries by E.164, at a registry version.
 * Changes must be applied in version order; a gap means the caller missed some and must reload.
 */
export class LookupIndex {
  private entries = new Map<string, CompiledEntry>();
  private currentVersion = 0;
  loaded = false;

  get version(): number {
    return this.currentVersion;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything with a snapshot taken at `version`. */
  load(entries: Iterable<LookupEntry>, version: number): void {
    const next = new Map<string, CompiledEntry>();
    for (const entry of entries) next.set(entry.number, compileEntry(entry));
    this.entries = next;
    this.currentVersion = version;
    this.loaded = true;
  }

  /** Applies changes newer than the index; returns false on a gap (reload needed). */
  apply(changes: FeedChange[]): boolean {
    for (const change of changes) {
      if (change.version <= this.currentVersion) continue;
      if (change.version !== this.currentVersion + 1) return false;
      if (change.op === 'remove' || !change.entry) this.entries.delete(change.number);
      else this.entries.set(change.number, compileEntry(change.entry));
      this.currentVersion = change.version;
    }
    return true;
  }

  lookup(e164: string, now: number, origin?: string): LookupAnswer {
    return resolveLookup(e164, this.entries.get(e164), now, origin);
  }

  *values(): IterableIterator<CompiledEntry> {
    yield* this.entries.values();
  }
}
