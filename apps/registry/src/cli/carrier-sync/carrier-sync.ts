import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CopyChange, RegistrySignatureVerifier, splitLines, syncEntryDisagreement, verifySnapshot } from '@app/domain';
import { CopyStore } from './copy-store';
import { SnapshotRequired, SyncClient } from './sync-client';

/**
 * The reference carrier copy: resume from the file (or load a snapshot), then follow the changes. Signatures are
 * checked whenever the registry publishes keys: the snapshot as `verify-snapshot` does, each change's entry against
 * its JWS. Nothing unverified is stored; a JWS that fails once is retried after refetching the JWKS (a new key).
 */
export class CarrierSync {
  private verifier: RegistrySignatureVerifier | null = null;

  constructor(
    private readonly store: CopyStore,
    private readonly client: SyncClient,
    private readonly log: (line: string) => void,
  ) {}

  async start(): Promise<void> {
    await this.refreshKeys();
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
      await this.verifyChanges(page.changes);
      const before = this.store.copy.version;
      await this.store.append(page.changes, page.toVersion);
      applied += page.changes.filter((c) => c.version > before).length;
      if (!page.hasMore) return applied;
    }
  }

  private async loadSnapshot(why: string): Promise<void> {
    this.log(`Loading the snapshot: ${why}`);
    const part = join(this.store.dir, 'snapshot.part');
    try {
      await this.client.snapshotTo(part);
      if (this.verifier) {
        const report = await this.verifyFile(part);
        this.log(`Snapshot verified: ${report.entries} entries at registry version ${report.registryVersion}, trailer signed`);
      } else {
        this.log('Snapshot NOT verified: the registry publishes no signing keys');
      }
      await this.store.replaceFromSnapshot(part);
      this.log(`Copy at registry version ${this.store.copy.version}: ${this.store.copy.size} numbers`);
    } finally {
      await rm(part, { force: true });
    }
  }

  private async verifyFile(file: string) {
    try {
      return await verifySnapshot(splitLines(createReadStream(file)), this.verifier!);
    } catch {
      await this.refreshKeys();
      return verifySnapshot(splitLines(createReadStream(file)), this.verifier!);
    }
  }

  private async verifyChanges(changes: CopyChange[]): Promise<void> {
    if (!this.verifier) return;
    for (const c of changes) {
      if (!c.entry) continue;
      const claims = await this.verifier.entry(c.entry.jws).catch(async () => {
        await this.refreshKeys();
        return this.verifier!.entry(c.entry!.jws);
      });
      const disagreement = syncEntryDisagreement(c.entry, claims);
      if (disagreement) throw new Error(`change ${c.version} (${c.number}) disagrees with its signature: ${disagreement}`);
    }
  }

  private async refreshKeys(): Promise<void> {
    const jwks = await this.client.jwks();
    this.verifier = jwks.keys?.length ? new RegistrySignatureVerifier(jwks) : null;
  }
}
