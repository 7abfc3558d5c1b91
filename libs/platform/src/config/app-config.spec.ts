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

describe('settings of the operator-facing surfaces', () => {
  const test = { NODE_ENV: 'test' };

  it('serves the API documents unless NODE_ENV=production, and DOCS_ENABLED decides either way', () => {
    expect(validateConfig(test, LookupConfig).docsEnabled).toBe(true);
    expect(validateConfig({ NODE_ENV: 'production' }, LookupConfig).docsEnabled).toBe(false);
    expect(validateConfig({ NODE_ENV: 'production', DOCS_ENABLED: 'true' }, LookupConfig).docsEnabled).toBe(true);
    expect(validateConfig({ ...test, DOCS_ENABLED: 'off' }, LookupConfig).docsEnabled).toBe(false);
    expect(validateConfig({ ...test, DOCS_ENABLED: '' }, LookupConfig).docsEnabled).toBe(true);
    // A word that is no boolean is refused, never read as false.
    expect(() => validateConfig({ ...test, DOCS_ENABLED: 'ture' }, LookupConfig)).toThrow(/DOCS_ENABLED must be true or false/);
  });

  it('listens for metrics on loopback, on a port per service unless METRICS_PORT says otherwise', () => {
    const registry = validateConfig(test, RegistryConfig);
    const lookup = validateConfig(test, LookupConfig);
    expect([registry.METRICS_HOST, registry.METRICS_PORT, registry.METRICS_TOKEN]).toEqual(['127.0.0.1', 9464, undefined]);
    expect([lookup.METRICS_HOST, lookup.METRICS_PORT]).toEqual(['127.0.0.1', 9465]);
    expect(validateConfig({ ...test, METRICS_PORT: '0' }, LookupConfig).METRICS_PORT).toBe(0);
    expect(validateConfig({ ...test, METRICS_HOST: '0.0.0.0', METRICS_PORT: '9100' }, RegistryConfig)).toMatchObject({
      METRICS_HOST: '0.0.0.0',
      METRICS_PORT: 9100,
    });
    expect(() => validateConfig({ ...test, METRICS_PORT: '70000' }, LookupConfig)).toThrow(/METRICS_PORT/);
    expect(() => validateConfig({ ...test, METRICS_TOKEN: 'short' }, LookupConfig)).toThrow(/METRICS_TOKEN must be at least 16/);
  });

  it('names every wrong setting on one line, without echoing a value', () => {
    let message = '';
    try {
      validateConfig({ NODE_ENV: 'production', DB_POOL_SIZE: 'many', METRICS_TOKEN: 'secret-ish' }, RegistryConfig);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: /);
    expect(message).not.toContain('\n');
    for (const name of ['DB_POOL_SIZE', 'METRICS_TOKEN', 'JWT_SECRET: required when NODE_ENV=production']) expect(message).toContain(name);
    expect(message).not.toContain('secret-ish');
  });
});
