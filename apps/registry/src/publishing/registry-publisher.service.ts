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
  pendingOriginNarrowing,
  ReorganizationHint,
  ReviewStatus,
} from '@app/domain';
import { EntrySigner } from '../signing/entry-signer.service';

export const REGISTRY_CHANNEL = 'registry_changes';

export interface PublishScope {
  e164s?: string[];
  brandnameIds?: string[];
  organizationIds?: string[];
}

interface OrgRow {
  id: string;
  parent_id: string | null;
  code: string;
  name: string;
  status: ReviewStatus;
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
  constructor(private readonly signer: EntrySigner) {}

  /**
   * `touch`: numbers to publish again even when their entry is unchanged (their validity has just started, so a
   * carrier copy that does not apply time learns it). An entry that has ended is published as a removal.
   * `moved`: numbers a reorganization moved, each with the hint its change carries (publish them even if their
   * entry is unchanged, e.g. a transfer between two bodies sharing a name: the owner changed).
   */
  async publish(
    em: EntityManager,
    scope: PublishScope,
    options: { touch?: string[]; moved?: Map<string, ReorganizationHint> } = {},
  ): Promise<number> {
    const now = Date.now();
    await em.query('SELECT version FROM registry_state WHERE id = 1 FOR UPDATE');
    const orgs = await this.organizations(em);
    const e164s = await this.numbersInScope(em, scope, orgs);
    if (e164s.length === 0) return 0;

    const next = new Map<string, LookupEntry | null>(e164s.map((n) => [n, null]));
    // At most one live row per number (a unique index); pending claims and final rows publish nothing. A pending
    // change revision that narrows the origins answers none for what it removes until it is decided.
    const rows = await em.query(
      `SELECT n.e164, n.status, n.direction, n.allowed_origins, n.valid_from, n.valid_to, n.organization_id,
              b.status AS b_status, b.label, b.display_name, b.display_name_ascii, b.call_reason, b.expires_at,
              r.changes AS pending_changes
         FROM caller_numbers n JOIN brandnames b ON b.id = n.brandname_id
         LEFT JOIN revisions r ON r.entity_type = 'number' AND r.entity_id = n.id AND r.status = 'pending' AND r.kind = 'change'
        WHERE n.e164 = ANY($1) AND n.status IN ('active', 'suspended')`,
      [e164s],
    );
    for (const r of rows) {
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

    const current = new Map<string, string>();
    for (const p of await em.query('SELECT e164, entry FROM published_numbers WHERE e164 = ANY($1)', [e164s])) {
      current.set(p.e164, stringify(p.entry) as string);
    }
    const touched = new Set([...(options.touch ?? []), ...(options.moved?.keys() ?? [])]);
    const hintOf = (e164: string, entry: LookupEntry | null) => {
      const hint = entry ? options.moved?.get(e164) : undefined;
      return hint ? JSON.stringify(hint) : null;
    };
    const changed = [...next].filter(([e164, entry]) =>
      entry === null ? current.has(e164) : touched.has(e164) || current.get(e164) !== stringify(entry),
    );
    if (changed.length === 0) return 0;

    // TypeORM answers an UPDATE with [rows, affected].
    const [[{ version: last }]] = await em.query('UPDATE registry_state SET version = version + $1 WHERE id = 1 RETURNING version', [
      changed.length,
    ]);
    let version = Number(last) - changed.length;
    const kid = await this.signer.currentKid(em);
    const iat = Math.floor(now / 1000);
    for (const chunk of chunks(changed, 1000)) {
      const versions = chunk.map(() => ++version);
      const signatures = await Promise.all(chunk.map(([, e], i) => (e ? this.signer.signEntry(kid, e, versions[i], iat) : null)));
      await em.query(
        `INSERT INTO registry_changes (version, e164, op, entry, jws, kid, reorganization)
         SELECT v, n, CASE WHEN e IS NULL THEN 'remove' ELSE 'upsert' END, e, j, CASE WHEN j IS NULL THEN NULL ELSE $5 END, r
           FROM unnest($1::bigint[], $2::varchar[], $3::jsonb[], $4::text[], $6::jsonb[]) AS t(v, n, e, j, r)`,
        [
          versions,
          chunk.map(([n]) => n),
          chunk.map(([, e]) => (e ? JSON.stringify(e) : null)),
          signatures,
          kid,
          chunk.map(([n, e]) => hintOf(n, e)),
        ],
      );
      const upserts = chunk.map((c, i) => [c, versions[i], signatures[i]] as const).filter(([[, e]]) => e !== null);
      if (upserts.length) {
        // starts_at and ends_at: when the timed publisher must publish it again (see TimedPublisher).
        const starts = upserts.map(([[, e]]) => atOrNull(entryStartsAt(e!), now));
        const ends = upserts.map(([[, e]]) => atOrNull(entryEndsAt(e!), -Infinity));
        await em.query(
          `INSERT INTO published_numbers (e164, entry, version, starts_at, ends_at, jws, kid)
           SELECT n, e, v, s, x, j, $7 FROM unnest($1::varchar[], $2::jsonb[], $3::bigint[], $4::timestamptz[], $5::timestamptz[], $6::text[])
             AS t(n, e, v, s, x, j)
           ON CONFLICT (e164) DO UPDATE
             SET entry = EXCLUDED.entry, version = EXCLUDED.version, starts_at = EXCLUDED.starts_at, ends_at = EXCLUDED.ends_at,
                 jws = EXCLUDED.jws, kid = EXCLUDED.kid`,
          [
            upserts.map(([[n]]) => n),
            upserts.map(([[, e]]) => JSON.stringify(e)),
            upserts.map(([, v]) => v),
            starts,
            ends,
            upserts.map(([, , j]) => j),
            kid,
          ],
        );
      }
      const removals = chunk.filter(([, e]) => e === null).map(([n]) => n);
      if (removals.length) await em.query('DELETE FROM published_numbers WHERE e164 = ANY($1)', [removals]);
    }
    // Delivered at commit; lookups on a server LISTEN for it, and poll as the safety net.
    await em.query('SELECT pg_notify($1, $2)', [REGISTRY_CHANNEL, String(version)]);
    return changed.length;
  }

  private async organizations(em: EntityManager): Promise<Map<string, OrgRow>> {
    const rows: OrgRow[] = await em.query('SELECT id, parent_id, code, name, status FROM organizations');
    return new Map(rows.map((o) => [o.id, o]));
  }

  private async numbersInScope(em: EntityManager, scope: PublishScope, orgs: Map<string, OrgRow>): Promise<string[]> {
    const e164s = new Set(scope.e164s ?? []);
    if (scope.brandnameIds?.length) {
      const rows = await em.query(`SELECT e164 FROM caller_numbers WHERE brandname_id = ANY($1) AND status IN ('active', 'suspended')`, [
        scope.brandnameIds,
      ]);
      rows.forEach((r: { e164: string }) => e164s.add(r.e164));
    }
    if (scope.organizationIds?.length) {
      const subtree = descendants(scope.organizationIds, orgs);
      const rows = await em.query(`SELECT e164 FROM caller_numbers WHERE organization_id = ANY($1) AND status IN ('active', 'suspended')`, [
        subtree,
      ]);
      rows.forEach((r: { e164: string }) => e164s.add(r.e164));
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
