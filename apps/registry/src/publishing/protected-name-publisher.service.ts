import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProtectedNameChange, publishedProtectedName, PublishedProtectedName, samePublishedProtectedName } from '@app/domain';
import { ProtectedNamesRepository } from '../protected-names/protected-names.repository';
import { EntrySigner } from '../signing/entry-signer.service';
import { PublishedNumbersRepository } from './published-numbers.repository';
import { PublishedProtectedNamesRepository } from './published-protected-names.repository';

/**
 * Publishes the protected-name list to lookups and carriers, inside the writer's transaction: each name that changed
 * (or is `touch`ed: re-signed) takes a registry version, a signed row in the change feed and in
 * published_protected_names; a name no longer in force is published as a removal. Same lock, versions and signing
 * key as numbers' entries (RegistryPublisher), so one feed carries both in commit order.
 */
@Injectable()
export class ProtectedNamePublisher {
  constructor(
    private readonly signer: EntrySigner,
    private readonly numbers: PublishedNumbersRepository,
    private readonly names: PublishedProtectedNamesRepository,
    private readonly list: ProtectedNamesRepository,
  ) {}

  /**
   * Brings the published list to the list in force now (protected_names): publishes what differs, removes what is
   * gone, publishes `touch` again (re-signed). Returns how many changes it published.
   */
  async publishInForce(em: EntityManager, touch: readonly string[] = []): Promise<number> {
    await this.numbers.lockState(em);
    const published = await this.names.entries(em);
    const wanted = new Map((await this.list.active(em)).map((n) => [n.id, publishedProtectedName(n)]));
    const touched = new Set(touch);
    const changes: Array<[string, PublishedProtectedName | null]> = [];
    for (const [id, entry] of wanted) {
      const before = published.get(id);
      if (!before || touched.has(id) || !samePublishedProtectedName(before, entry)) changes.push([id, entry]);
    }
    for (const id of published.keys()) if (!wanted.has(id)) changes.push([id, null]);
    if (changes.length === 0) return 0;
    let version = (await this.numbers.takeVersions(em, changes.length)) - changes.length;
    const kid = await this.signer.currentKid(em);
    const iat = Math.floor(Date.now() / 1000);
    const rows: ProtectedNameChange[] = [];
    for (const [id, entry] of changes) {
      const v = ++version;
      const jws = entry ? await this.signer.signProtectedName(kid, entry, v, iat) : null;
      rows.push({ version: v, id, op: entry ? 'upsert' : 'remove', entry, jws });
    }
    await this.names.append(em, rows, kid);
    await this.numbers.notify(em, version);
    return changes.length;
  }
}
