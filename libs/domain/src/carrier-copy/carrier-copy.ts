import { ProtectedNameList } from '../protected-names/protected-name-list';
import type { PublishedProtectedName } from '../protected-names/published-protected-name';
import { answerFromSyncEntry, SyncAnswer, SyncEntry } from '../sync-entry';

/** A change as /v1/sync/changes gives it (the entry with its JWS; null for a removal). */
export interface CopyChange {
  version: number;
  number: string;
  op: 'upsert' | 'remove';
  entry: (SyncEntry & { jws?: string | null }) | null;
}

/** A protected name's change as /v1/sync/changes gives it in `protectedNames` (null entry: a removal). */
export interface CopyNameChange {
  version: number;
  id: string;
  op: 'upsert' | 'remove';
  entry: (PublishedProtectedName & { version?: number; jws?: string }) | null;
}

/** A protected name as the copy keeps it: the entry and the version that published it (the signature checked and dropped). */
export interface CopyProtectedName extends PublishedProtectedName {
  version: number;
}

export interface CopyAnswer extends SyncAnswer {
  number: string;
}

const UNREGISTERED: SyncAnswer = { status: 'unregistered', verdict: 'none', display: null, organization: null };

/**
 * A carrier's local copy of the registry: a snapshot, then the changes after it, in memory. It answers as the lookup
 * does without origin, applying time from each entry (a number whose validity starts later brands from validFrom
 * on without waiting for the registry's next change). Storage is the caller's: see copy-records.ts.
 */
export class CarrierCopy {
  private entries = new Map<string, SyncEntry>();
  private names = new Map<string, CopyProtectedName>();
  private nameList: ProtectedNameList | null = null;
  version = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything with a snapshot's entries (and protected names) at its registry version. */
  reset(registryVersion: number, entries: Iterable<SyncEntry>, names: Iterable<CopyProtectedName> = []): void {
    this.entries = new Map();
    for (const e of entries) this.entries.set(e.number, e);
    this.names = new Map();
    for (const n of names) this.names.set(n.id, n);
    this.nameList = null;
    this.version = registryVersion;
  }

  /**
   * Applies a page's changes, numbers' and protected names' together in version order (they share the registry's
   * version sequence); a change at or below the copy's version was applied already and is skipped.
   */
  apply(changes: Iterable<CopyChange>, nameChanges: Iterable<CopyNameChange> = []): number {
    const all: Array<{ version: number; number?: CopyChange; name?: CopyNameChange }> = [
      ...[...changes].map((c) => ({ version: c.version, number: c })),
      ...[...nameChanges].map((c) => ({ version: c.version, name: c })),
    ].sort((a, b) => a.version - b.version);
    let applied = 0;
    for (const { version, number: c, name } of all) {
      if (version <= this.version) continue;
      if (c) {
        if (c.op === 'remove' || !c.entry) this.entries.delete(c.number);
        else this.entries.set(c.number, c.entry);
      } else if (name) {
        if (name.op === 'remove' || !name.entry) this.names.delete(name.id);
        else this.names.set(name.id, copyName(name.entry, version));
        this.nameList = null;
      }
      this.version = version;
      applied++;
    }
    return applied;
  }

  /** The protected names in force, as published. */
  protectedNames(): CopyProtectedName[] {
    return [...this.names.values()];
  }

  /** The protected names compiled for matching (once per change): what a carrier screens caller names with. */
  get protectedNameList(): ProtectedNameList {
    this.nameList ??= ProtectedNameList.of([...this.names.values()]);
    return this.nameList;
  }

  /** The registry version the copy holds everything up to (a page's toVersion when it carried no change past it). */
  advanceTo(version: number): void {
    if (version > this.version) this.version = version;
  }

  /** The answer for an E.164 number at `now`. */
  answer(e164: string, now: number): CopyAnswer {
    const entry = this.entries.get(e164);
    return { number: e164, ...(entry ? answerFromSyncEntry(entry, now) : UNREGISTERED) };
  }

  values(): IterableIterator<SyncEntry> {
    return this.entries.values();
  }
}

/** The entry as kept: its published fields and version, never its signature. */
export function copyName(entry: PublishedProtectedName & { version?: number; jws?: string }, version: number): CopyProtectedName {
  return { id: entry.id, term: entry.term, spellings: entry.spellings, kinds: entry.kinds, source: entry.source, version };
}
