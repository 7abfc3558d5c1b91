import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './database-config';

/**
 * For the TypeORM CLI against a server (e.g. `typeorm migration:generate`): needs DATABASE_URL.
 * `npm run migration:run` uses apps' migrate entry instead, which also handles the embedded database.
 */
export default new DataSource(
  buildDataSourceOptions({ url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' }),
);
