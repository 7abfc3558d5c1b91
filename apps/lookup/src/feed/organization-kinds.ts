import { Injectable } from '@nestjs/common';
import type { OrganizationKind } from '@app/domain';

/**
 * Each organization's kind by code, for screening (a branded number's organization may use a protected term only
 * if its kind owns it). Small (one row per organization) and refreshed by the feed follower: before it applies a
 * round's changes (so an organization is known before its first number brands) and every few seconds (a kind
 * edited with no number republished).
 */
@Injectable()
export class OrganizationKinds {
  private byCode = new Map<string, OrganizationKind>();

  replace(rows: ReadonlyArray<{ code: string; kind: OrganizationKind }>): void {
    this.byCode = new Map(rows.map((r) => [r.code, r.kind]));
  }

  of(code: string): OrganizationKind | undefined {
    return this.byCode.get(code);
  }

  get size(): number {
    return this.byCode.size;
  }
}
