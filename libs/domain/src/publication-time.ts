import type { LookupEntry } from './lookup-entry';

/**
 * When a published entry starts and stops mattering, mirroring resolveLookup: an entry answers `unregistered`
 * before its validFrom and from its validTo on; an active, outbound number also from its label's expiry (a
 * suspended number keeps answering `suspended`, an inbound-only one keeps blocking until validTo).
 * The registry publishes again at both instants, so that a carrier copy which does not apply time itself still
 * converges: a touch when the entry starts, a removal when it ends.
 */
export function entryStartsAt(entry: LookupEntry): number | null {
  return entry.validFrom ? Date.parse(entry.validFrom) : null;
}

export function entryEndsAt(entry: LookupEntry): number | null {
  const validTo = entry.validTo ? Date.parse(entry.validTo) : Infinity;
  const labelMatters = entry.state === 'active' && entry.direction !== 'inbound_only';
  const label = labelMatters && entry.labelExpiresAt ? Date.parse(entry.labelExpiresAt) : Infinity;
  const end = Math.min(validTo, label);
  return end === Infinity ? null : end;
}

/** True once the entry answers `unregistered` for good: it is removed from the feed and from snapshots. */
export function hasEnded(entry: LookupEntry, now: number): boolean {
  const end = entryEndsAt(entry);
  return end !== null && now >= end;
}
