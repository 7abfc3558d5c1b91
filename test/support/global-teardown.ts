import { rmSync } from 'node:fs';
import { dropShardDatabase } from './shard-database';

export default async function globalTeardown(): Promise<void> {
  const dataDir = (globalThis as Record<string, unknown>).__E2E_DATA_DIR__ as string | undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  await dropShardDatabase();
  const embedded = (globalThis as Record<string, unknown>).__EMBEDDED_PG__ as
    { db: { close(): Promise<void> }; server: { stop(): Promise<void> } } | undefined;
  if (!embedded) return;
  await embedded.server.stop();
  await embedded.db.close();
}
