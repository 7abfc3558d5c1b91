import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { CarrierStatus } from '@app/domain';

const RECENT_KEYS_MAX = 1_000;

export interface CarrierIdentity {
  code: string;
  status: CarrierStatus;
}

export interface CarrierKeyRow {
  key_hash: string;
  code: string;
  status: CarrierStatus;
}

/**
 * Live carrier API keys by SHA-256, refreshed from the database by the feed follower. A lookup hashes the
 * presented key and looks the hash up: the secret itself is never compared, so there is no timing channel
 * on it, and a key revoked in the registry stops working at the next refresh (well within a second).
 */
@Injectable()
export class CarrierDirectory {
  private byHash = new Map<string, CarrierIdentity>();
  private codes = new Set<string>();
  /**
   * Keys recently identified (key → identity), so the hot path hashes a carrier's key once per refresh rather
   * than on every lookup. Only keys that matched are kept, the cache is bounded, and it is emptied whenever the
   * keys are refreshed from the database, so a revoked key stops working exactly as before.
   */
  private recent = new Map<string, CarrierIdentity>();

  replace(rows: CarrierKeyRow[], carrierCodes: string[]): void {
    this.byHash = new Map(rows.map((r) => [r.key_hash, { code: r.code, status: r.status }]));
    this.codes = new Set(carrierCodes);
    this.recent = new Map();
  }

  identify(apiKey: string): CarrierIdentity | undefined {
    const cached = this.recent.get(apiKey);
    if (cached !== undefined) return cached;
    const identity = this.byHash.get(createHash('sha256').update(apiKey).digest('hex'));
    if (identity !== undefined) {
      if (this.recent.size >= RECENT_KEYS_MAX) this.recent.clear();
      this.recent.set(apiKey, identity);
    }
    return identity;
  }

  isCarrier(code: string): boolean {
    return this.codes.has(code);
  }
}
