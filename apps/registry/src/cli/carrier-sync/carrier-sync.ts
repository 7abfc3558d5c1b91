import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import {
  CopyChange,
  CopyNameChange,
  protectedNameDisagreement,
  RegistrySignatureVerifier,
  SnapshotVerificationError,
  splitLines,
  syncEntryDisagreement,
  UntrustedKeyError,
  verifySnapshot,
} from '@app/domain';
import { CopyStore } from './copy-store';
import { SnapshotRequired, SyncClient } from './sync-client';
import {
  EXIT_NO_TRUSTED_KEY,
  EXIT_VERIFICATION_FAILED,
  HOW_TO_TRUST_A_NEW_KEY,
  SyncRefused,
  TrustOptions,
  trustedKeys,
} from './trusted-keys';

/**
 * The reference carrier copy: resume from the file (or load a snapshot), then follow the changes. Every signature
 * is checked, always, against the trusted keys (trusted-keys.ts): the snapshot as `verify-snapshot` does, each
 * change's entry against its JWS. A failure stops with SyncRefused before anything of that snapshot or page is stored.
 */
export class CarrierSync {
  private verifier!: RegistrySignatureVerifier;

  constructor(
    private readonly store: CopyStore,
    private readonly client: SyncClient,
    private readonly trust: TrustOptions,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    this.verifier = new RegistrySignatureVerifier({ keys: await trustedKeys(this.trust, this.store.dir, this.client, this.log) });
    if (await this.store.open()) {
      this.log(`Copy resumed from ${this.store.path}: ${this.store.copy.size} numbers at registry version ${this.store.copy.version}`);
    } else {
      await this.loadSnapshot('no copy yet');
    }
  }

  /** Follows the changes until the copy is current; returns how many were applied. */
  async catchUp(): Promise<number> {
    let applied = 0;
    for (;;) {
      let page;
      try {
        page = await this.client.changes(this.store.copy.version);
      } catch (err) {
        if (!(err instanceof SnapshotRequired)) throw err;
        await this.loadSnapshot(`the lookup needs a snapshot (${err.message.slice(0, 120)})`);
        continue;
      }
      const names = page.protectedNames ?? [];
      await this.verifyChanges(page.changes);
      await this.verifyNameChanges(names);
      const before = this.store.copy.version;
      await this.store.append(page.changes, page.toVersion, names);
      applied += [...page.changes, ...names].filter((c) => c.version > before).length;
      if (!page.hasMore) return applied;
    }
  }

  private async loadSnapshot(why: string): Promise<void> {
    this.log(`Loading the snapshot: ${why}`);
    const part = join(this.store.dir, 'snapshot.part');
    try {
      await this.client.snapshotTo(part);
      const report = await verifySnapshot(splitLines(createReadStream(part)), this.verifier).catch((err: unknown) => {
        if (!(err instanceof SnapshotVerificationError)) throw err;
        throw this.refused('The snapshot', err.message, err.cause);
      });
      this.log(`Snapshot verified: ${report.entries} entries at registry version ${report.registryVersion}, trailer signed`);
      await this.store.replaceFromSnapshot(part);
      this.log(
        `Copy at registry version ${this.store.copy.version}: ${this.store.copy.size} numbers, ${this.store.copy.protectedNames().length} protected names`,
      );
    } finally {
      await rm(part, { force: true });
    }
  }

  /** The whole page before any of it is stored: a page is applied entirely or not at all. */
  private async verifyChanges(changes: CopyChange[]): Promise<void> {
    for (const c of changes) {
      if (!c.entry) continue;
      const what = `Change ${c.version} (${c.number})`;
      const claims = await this.verifier.entry(c.entry.jws).catch((err: Error) => {
        throw this.refused(what, err.message, err);
      });
      const disagreement = syncEntryDisagreement(c.entry, claims);
      if (disagreement) throw this.refused(what, `disagrees with its signature: ${disagreement}`);
      // The registry signs each change for its own version: an older signed entry cannot be replayed as a newer change.
      if (claims.ver !== c.version) throw this.refused(what, `its signature is for registry version ${claims.ver}`);
    }
  }

  /** A protected name's change: signed (typ vbr-protected-name+jwt) for its own version, saying what the entry says. */
  private async verifyNameChanges(changes: CopyNameChange[]): Promise<void> {
    for (const c of changes) {
      if (!c.entry) continue;
      const what = `Change ${c.version} (protected name ${c.id})`;
      const { version: _version, jws, ...entry } = c.entry;
      const claims = await this.verifier.protectedName(jws).catch((err: Error) => {
        throw this.refused(what, err.message, err);
      });
      const disagreement = entry.id !== c.id ? `its entry is ${entry.id}` : protectedNameDisagreement(entry, claims);
      if (disagreement) throw this.refused(what, `disagrees with its signature: ${disagreement}`);
      if (claims.ver !== c.version) throw this.refused(what, `its signature is for registry version ${claims.ver}`);
    }
  }

  private refused(what: string, reason: string, cause?: unknown): SyncRefused {
    const kept = `nothing of it applied; the copy stays at registry version ${this.store.copy.version}`;
    if (cause instanceof UntrustedKeyError) {
      return new SyncRefused(
        `${what} is signed by key ${cause.kid}, which is not trusted: ${kept}. ${HOW_TO_TRUST_A_NEW_KEY}`,
        EXIT_NO_TRUSTED_KEY,
      );
    }
    return new SyncRefused(`${what} FAILED verification (${reason}): ${kept}`, EXIT_VERIFICATION_FAILED);
  }
}
