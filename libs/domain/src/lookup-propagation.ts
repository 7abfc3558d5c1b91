import type { LookupEntry } from './lookup-entry';

/**
 * Which registry writes are acknowledged only once every running lookup has them.
 *
 * A write that takes a brand off handsets anywhere (a suspension, a revocation, a release, an origin or validity
 * narrowed) must be in every lookup that is serving when the registry answers 2xx, so that a registry dying right
 * after its answer cannot leave a suspended number branded. Adding or widening a brand need not wait: a late
 * "brand" is the second worst failure, a late "none" after a suspension is the worst.
 *
 * Lookups report the version their index holds (`lookup_presence`); a lookup counts as running while its report
 * is fresher than LIVE_SECONDS (it reports at least every HEARTBEAT_MS while it can reach the database).
 */
export const LOOKUP_PRESENCE = {
  HEARTBEAT_MS: 1_000,
  LIVE_SECONDS: 5,
} as const;

/** Whether publishing `after` in place of `before` may stop a brand somewhere `before` gave it (null: not published). */
export function narrowsBrand(before: LookupEntry | null, after: LookupEntry | null): boolean {
  if (before === null) return false;
  if (after === null) return true;
  if (before.state === 'active' && after.state !== 'active') return true;
  if (before.direction !== after.direction) return true;
  if (!originsCover(after.allowedOrigins, before.allowedOrigins)) return true;
  if (JSON.stringify(after.narrowedOrigins ?? null) !== JSON.stringify(before.narrowedOrigins ?? null)) return true;
  return (
    later(after.validFrom, before.validFrom, -Infinity) ||
    later(before.validTo, after.validTo, Infinity) ||
    later(before.labelExpiresAt, after.labelExpiresAt, Infinity)
  );
}

/** Empty origins: every domestic carrier. Does `wide` allow every origin `narrow` allows? */
function originsCover(wide: readonly string[], narrow: readonly string[]): boolean {
  if (wide.length === 0) return true;
  if (narrow.length === 0) return false;
  return narrow.every((o) => wide.includes(o));
}

/** Is instant `a` after instant `b` (null: the open end `open`)? */
function later(a: string | null, b: string | null, open: number): boolean {
  return (a === null ? open : Date.parse(a)) > (b === null ? open : Date.parse(b));
}

/** The running lookups still behind `version` (each is a report: instance id, version it holds, age in seconds). */
export function lookupsBehind(
  reports: ReadonlyArray<{ instanceId: string; appliedVersion: number; ageSeconds: number }>,
  version: number,
): string[] {
  return reports.filter((r) => r.ageSeconds <= LOOKUP_PRESENCE.LIVE_SECONDS && r.appliedVersion < version).map((r) => r.instanceId);
}
