import { stopTestDatabases } from './test-databases';

export default async function globalTeardown(): Promise<void> {
  await stopTestDatabases();
}
