import { Injectable } from '@nestjs/common';
import { stringify } from 'safe-stable-stringify';
import { EntityManager } from 'typeorm';
import {
  buildLookupEntry,
  entryEndsAt,
  entryStartsAt,
  hasEnded,
  LookupEntry,
  OrganizationFacts,
  narrowsBrand,
  pendingOriginNarrowing,
  ReorganizationHint,
} from '@app/domain';
import { EntrySigner } from '../signing/entry-signer.service';
import { ProtectedNamePublisher } from './protected-name-publisher.service';
import { OrgRow, PublishedNumbersRepository } from './published-numbers.repository';

/**
 * `touch`: numbers to publish again even when their entry is unchanged; `moved`: numbers a reorganization moved,
 * each with the hint its change carries.
 */
export interface PublishOptions {
  touch?: string[];
  moved?: Map<string, ReorganizationHint>;
}

export interface PublishScope {
  /** The protected-name list changed: publish what differs from the list in force (ProtectedNamePublisher). */
  protectedNames?: boolean;
  e164s?: string[];
  brandnameIds?: string[];
  organizationIds?: string[];
}

/**
 * Keeps what lookups answer in step with the registry, inside the writer's transaction: recomputes the
 * published entry of every number in scope, and for each that changed bumps the registry version, appends
 * to the change feed and updates published_numbers. Locking the registry_state row first serialises
 * publishers, so versions commit in order and the diff is taken against current published rows. Each upsert is
 * signed here, once (its JWS is stored beside the entry in both tables; lookups never sign).
 */
@Injectable()
export class RegistryPublisher {
  constructor(
    private readonly signer: EntrySigner,
    private readonly published: PublishedNumbersRepository,
    private readonly protectedNames: ProtectedNamePublisher,
  ) {}

  /**
   * `touch`: numbers to publish again even when their entry is unchanged (their validity has just started, so a
   * carrier copy that does not apply time learns it). An entry that has ended is published as a removal.
   * `moved`: numbers a reorganization moved, each with the hint its change carries (publish them even if their
   * entry is unchanged, e.g. a transfer between two bodies sharing a name: the owner changed).
   * Answers the version the running lookups must hold before the write may answer when it narrowed a brand
   * (libs/domain narrowsBrand: a suspension, a revocation, a release...), else null.
   */
  async publish(em: EntityManager, scope: PublishScope, options: PublishOptions = {}): Promise<number | null> {
    const now = Date.now();
    await this.published.lockState(em);
    // A protected name's change widens or narrows no brand: nobody waits for the lookups to hold it.
    if (scope.protectedNames) await this.protectedNames.publishInForce(em);
    const orgs = new Map((await this.published.organizationTree(em)).map((o) => [o.id, o]));
    const e164s = await this.numbersInScope(em, scope, orgs);
    if (e164s.length === 0) return null;

    const next = new Map<string, LookupEntry | null>(e164s.map((n) => [n, null]));
    // A pending change revision that narrows the origins answers none for what it removes until it is decided.
    for (const r of await this.published.liveWithBrandname(em, e164s)) {
      const entry = buildLookupEntry(
        {
          e164: r.e164,
          status: r.status,
          direction: r.direction,
          allowedOrigins: r.allowed_origins,
          narrowedOrigins: r.pending_changes ? pendingOriginNarrowing(r.allowed_origins, r.pending_changes) : null,
          validFrom: r.valid_from,
          validTo: r.valid_to,
        },
        {
          status: r.b_status,
          label: r.label,
          displayName: r.display_name,
          displayNameAscii: r.display_name_ascii,
          callReason: r.call_reason,
          expiresAt: r.expires_at,
        },
        chainOf(r.organization_id, orgs),
      );
      next.set(r.e164, entry && hasEnded(entry, now) ? null : entry);
    }

    const before = new Map((await this.published.entries(em, e164s)).map((p) => [p.e164, p.entry]));
    const touched = new Set([...(options.touch ?? []), ...(options.moved?.keys() ?? [])]);
    const hintOf = (e164: string, entry: LookupEntry | null) => {
      const hint = entry ? options.moved?.get(e164) : undefined;
      return hint ? JSON.stringify(hint) : null;
    };
    const changed = [...next].filter(([e164, entry]) =>
      entry === null ? before.has(e164) : touched.has(e164) || stringify(before.get(e164)) !== stringify(entry),
    );
    if (changed.length === 0) return null;

    let version = (await this.published.takeVersions(em, changed.length)) - changed.length;
    const kid = await this.signer.currentKid(em);
    const iat = Math.floor(now / 1000);
    for (const chunk of chunks(changed, 1000)) {
      const versions = chunk.map(() => ++version);
      const signatures = await Promise.all(chunk.map(([, e], i) => (e ? this.signer.signEntry(kid, e, versions[i], iat) : null)));
      await this.published.appendChanges(
        em,
        chunk.map(([n, e], i) => ({ version: versions[i], e164: n, entry: e, jws: signatures[i], hint: hintOf(n, e) })),
        kid,
      );
      const upserts = chunk.map((c, i) => [c, versions[i], signatures[i]] as const).filter(([[, e]]) => e !== null);
      if (upserts.length) {
        // starts_at and ends_at: when the timed publisher must publish it again (see TimedPublisher).
        const rows = upserts.map(([[n, e], v, j]) => ({
          e164: n,
          entry: e!,
          version: v,
          startsAt: atOrNull(entryStartsAt(e!), now),
          endsAt: atOrNull(entryEndsAt(e!), -Infinity),
          jws: j!,
        }));
        await this.published.upsert(em, rows, kid);
      }
      const removals = chunk.filter(([, e]) => e === null).map(([n]) => n);
      if (removals.length) await this.published.remove(em, removals);
    }
    await this.published.notify(em, version);
    return changed.some(([n, e]) => narrowsBrand(before.get(n) ?? null, e)) ? version : null;
  }

  private async numbersInScope(em: EntityManager, scope: PublishScope, orgs: Map<string, OrgRow>): Promise<string[]> {
    const e164s = new Set(scope.e164s ?? []);
    if (scope.brandnameIds?.length) {
      for (const e164 of await this.published.liveOfBrandnames(em, scope.brandnameIds)) e164s.add(e164);
    }
    if (scope.organizationIds?.length) {
      for (const e164 of await this.published.liveOfOrganizations(em, descendants(scope.organizationIds, orgs))) e164s.add(e164);
    }
    return [...e164s];
  }
}

/** The owner, then its parents up to the root (a cycle, which the API prevents, stops the walk). */
function chainOf(orgId: string, orgs: Map<string, OrgRow>): OrganizationFacts[] {
  const chain: OrganizationFacts[] = [];
  const seen = new Set<string>();
  for (let o = orgs.get(orgId); o && !seen.has(o.id); o = o.parent_id ? orgs.get(o.parent_id) : undefined) {
    seen.add(o.id);
    chain.push({ code: o.code, name: o.name, status: o.status });
  }
  return chain;
}

function descendants(roots: string[], orgs: Map<string, OrgRow>): string[] {
  const result = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs.values()) {
      if (o.parent_id && result.has(o.parent_id) && !result.has(o.id)) {
        result.add(o.id);
        grew = true;
      }
    }
  }
  return [...result];
}

/** An instant as a timestamp, or null when there is none or it is not after `after`. */
function atOrNull(ms: number | null, after: number): Date | null {
  return ms !== null && ms > after ? new Date(ms) : null;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
