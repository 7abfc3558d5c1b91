import { Injectable } from '@nestjs/common';
import { statfs } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DatabaseConnection } from '@app/database';
import { assertStorageRoom } from '@app/domain';
import { RegistryConfig } from '@app/platform';

/**
 * On the embedded database, the disk under DATA_DIR is the database's: an upload that would leave less than
 * EMBEDDED_DB_MIN_FREE_MB free is refused (507) before PGlite writes a byte of it. On a PostgreSQL server the
 * registry cannot see that disk; the server's own disk_full (SQLSTATE 53100) answers 507 instead (disk-full.ts).
 */
@Injectable()
export class StorageRoom {
  constructor(
    private readonly config: RegistryConfig,
    private readonly connection: DatabaseConnection,
  ) {}

  async assertRoomFor(sizeBytes: number): Promise<void> {
    if (!this.connection.embedded) return;
    const fs = await statfs(resolve(this.config.DATA_DIR));
    assertStorageRoom(Number(fs.bavail) * Number(fs.bsize), sizeBytes, this.config.EMBEDDED_DB_MIN_FREE_MB * 1024 * 1024);
  }
}
