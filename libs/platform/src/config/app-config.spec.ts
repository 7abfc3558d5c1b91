import { LookupConfig, RegistryConfig, validateConfig } from './app-config';

describe('LookupConfig: reading a standby', () => {
  const primary = 'postgresql://vbr@primary:5432/vbr';
  const standby = 'postgresql://vbr@standby:5432/vbr';

  it('reads LOOKUP_DATABASE_URL and keeps DATABASE_URL for its writes', () => {
    const config = validateConfig({ DATABASE_URL: primary, LOOKUP_DATABASE_URL: standby }, LookupConfig);
    expect(config.readDatabaseUrl).toBe(standby);
    expect(config.DATABASE_URL).toBe(primary);
  });

  it('reads DATABASE_URL when LOOKUP_DATABASE_URL is unset or empty', () => {
    expect(validateConfig({ DATABASE_URL: primary }, LookupConfig).readDatabaseUrl).toBe(primary);
    expect(validateConfig({ DATABASE_URL: primary, LOOKUP_DATABASE_URL: '' }, LookupConfig).readDatabaseUrl).toBe(primary);
  });

  it('refuses LOOKUP_DATABASE_URL without a primary, or not a postgres URL', () => {
    expect(() => validateConfig({ LOOKUP_DATABASE_URL: standby }, LookupConfig)).toThrow(/LOOKUP_DATABASE_URL: needs DATABASE_URL/);
    expect(() => validateConfig({ DATABASE_URL: primary, LOOKUP_DATABASE_URL: 'mysql://x' }, LookupConfig)).toThrow(/LOOKUP_DATABASE_URL/);
  });

  it('is a lookup setting: the registry reads and writes DATABASE_URL', () => {
    const config = validateConfig({ DATABASE_URL: primary, LOOKUP_DATABASE_URL: standby, NODE_ENV: 'test' }, RegistryConfig);
    expect(config.readDatabaseUrl).toBe(primary);
  });
});
