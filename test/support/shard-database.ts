import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../libs/database/src/database-config';

const KEY = '__E2E_SHARD_DATABASE__';

/** `<database>_shard<n>` on the same server, created fresh; returns its URL. Dropped by dropShardDatabase(). */
export async function createShardDatabase(url: string, shard: string): Promise<string> {
  const base = new URL(url);
  const name = `${base.pathname.slice(1) || 'postgres'}_shard${Number(shard)}`;
  await onServer(url, async (ds) => {
    await ds.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await ds.query(`CREATE DATABASE "${name}"`);
  });
  const shardUrl = new URL(url);
  shardUrl.pathname = `/${name}`;
  (globalThis as Record<string, unknown>)[KEY] = { adminUrl: url, name };
  return shardUrl.toString();
}

export async function dropShardDatabase(): Promise<void> {
  const made = (globalThis as Record<string, unknown>)[KEY] as { adminUrl: string; name: string } | undefined;
  if (!made) return;
  await onServer(made.adminUrl, (ds) => ds.query(`DROP DATABASE IF EXISTS "${made.name}" WITH (FORCE)`));
}

async function onServer(url: string, run: (ds: DataSource) => Promise<unknown>): Promise<void> {
  const ds = await new DataSource(buildDataSourceOptions({ url, poolSize: 1 })).initialize();
  try {
    await run(ds);
  } finally {
    await ds.destroy();
  }
}
