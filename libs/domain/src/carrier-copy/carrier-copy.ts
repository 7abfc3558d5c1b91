import { answerFromSyncEntry, SyncAnswer, SyncEntry } from '../sync-entry';

/** A change as /v1/sync/changes gives it (the entry with its JWS; null for a removal). */
export interface CopyChange {
  version: number;
  number: string;
  op: 'upsert' | 'remove';
  entry: (SyncEntry & { jws?: string | null }) | null;
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
  version = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Replaces everything with a snapshot's entries at its registry version. */
  reset(registryVersion: number, entries: Iterable<SyncEntry>): void {
    this.entries = new Map();
    for (const e of entries) this.entries.set(e.number, e);
    this.version = registryVersion;
  }

  /** Applies changes in order; a change at or below the copy's version was applied already and is skipped. */
  apply(changes: Iterable<CopyChange>): number {
    let applied = 0;
    for (const c of changes) {
      if (c.version <= this.version) continue;
      if (c.op === 'remove' || !c.entry) this.entries.delete(c.number);
      else this.entries.set(c.number, c.entry);
      this.version = c.version;
      applied++;
    }
    return applied;
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
