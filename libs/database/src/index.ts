export * from './entities';
export * from './migrations';
export * from './database-config';
export * from './database.module';
export * from './embedded-postgres';
export { lockHeld } from './embedded-lock';
export * from './migrations-runner';
export * from './primary-database';
export * from './recovery';
