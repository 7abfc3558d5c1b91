import { Injectable } from '@nestjs/common';
import { PrimaryDatabase } from '@app/database';

/** This instance's row in lookup_presence (always on the primary: a standby refuses writes). */
@Injectable()
export class LookupPresenceRepository {
  constructor(private readonly primary: PrimaryDatabase) {}

  async report(instanceId: string, version: number, host: string): Promise<void> {
    await this.primary.query(
      `INSERT INTO lookup_presence (instance_id, applied_version, host) VALUES ($1, $2, $3)
       ON CONFLICT (instance_id) DO UPDATE SET applied_version = EXCLUDED.applied_version, reported_at = now()`,
      [instanceId, version, host],
    );
  }

  async remove(instanceId: string): Promise<void> {
    await this.primary.query(`DELETE FROM lookup_presence WHERE instance_id = $1`, [instanceId]);
  }
}
