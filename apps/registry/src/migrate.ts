import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions, openEmbeddedDatabase, runMigrations } from '@app/database';
import { AppConfig, validateConfig } from '@app/platform';

/** `npm run migration:run`: applies pending migrations to DATABASE_URL, or to the embedded database. */
async function migrate(): Promise<void> {
  const config = validateConfig(process.env, AppConfig);
  const embedded = config.DATABASE_URL ? null : await openEmbeddedDatabase(config.DATA_DIR, console.log);
  if (embedded && !embedded.owner) {
    await embedded.close(); // stops watching the owner: a migration run must never take over from it
    throw new Error('The embedded database is open in a running service; stop it (it migrates at start-up anyway)');
  }
  const dataSource = await new DataSource(buildDataSourceOptions({ url: config.DATABASE_URL ?? embedded!.url })).initialize();
  try {
    const applied = await runMigrations(dataSource);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date');
  } finally {
    await dataSource.destroy();
    await embedded?.close();
  }
}

migrate().catch((err: Error) => {
  console.error(`Migration failed: ${err.message}`);
  process.exit(1);
});
