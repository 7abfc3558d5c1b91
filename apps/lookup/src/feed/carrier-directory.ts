import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { CarrierStatus } from '@app/domain';

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

  replace(rows: CarrierKeyRow[], carrierCodes: string[]): void {
    this.byHash = new Map(rows.map((r) => [r.key_hash, { code: r.code, status: r.status }]));
    this.codes = new Set(carrierCodes);
  }

  identify(apiKey: string): CarrierIdentity | undefined {
    return this.byHash.get(createHash('sha256').update(apiKey).digest('hex'));
  }

  isCarrier(code: string): boolean {
    return this.codes.has(code);
  }
}
