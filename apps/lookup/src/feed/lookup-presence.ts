import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { LOOKUP_PRESENCE } from '@app/domain';
import { LookupPresenceRepository } from './lookup-presence.repository';

/**
 * Tells the registry which version this instance's index holds (lookup_presence, on the primary): the registry
 * acknowledges a write that removes a brand only once every running lookup holds it. A new version is reported at
 * once; the same version again at most every heartbeat, which is what keeps this instance counted as running. A
 * failed report is dropped: the next round reports again, and a lookup that cannot reach the database stops counting.
 */
@Injectable()
export class LookupPresence {
  private readonly logger = new Logger('LookupPresence');
  readonly instanceId = randomUUID();
  private reportedVersion = -1;
  private reportedAt = 0;
  private failing = false;

  constructor(private readonly presence: LookupPresenceRepository) {}

  async report(version: number): Promise<void> {
    const now = Date.now();
    if (version === this.reportedVersion && now - this.reportedAt < LOOKUP_PRESENCE.HEARTBEAT_MS) return;
    try {
      await this.presence.report(this.instanceId, version, `${hostname()}:${process.pid}`);
      this.reportedVersion = version;
      this.reportedAt = now;
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.logger.warn(`Presence report failed: ${(err as Error).message}`);
      this.failing = true;
    }
  }

  /** A lookup that stops says so, so that no write waits for it. */
  async leave(): Promise<void> {
    await this.presence.remove(this.instanceId).catch(() => undefined);
  }
}
