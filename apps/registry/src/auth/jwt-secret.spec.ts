import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryConfig, validateConfig } from '@app/platform';
import { JWT_SECRET_FILE, jwtSecret } from './jwt-secret';

describe('jwtSecret: the secret of access tokens, kept across restarts', () => {
  let dir: string;
  const dev = (dataDir = dir) => ({ NODE_ENV: 'development' as const, DATA_DIR: dataDir, JWT_SECRET: undefined });
  const file = () => join(dir, JWT_SECRET_FILE);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vbr-jwt-secret-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is generated once into DATA_DIR/jwt-secret with mode 0600, and read from there on every later start', async () => {
    const first = await jwtSecret(dev());
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(readFileSync(file(), 'utf8')).toBe(`${first}\n`);
    expect(await jwtSecret(dev())).toBe(first);
    expect(readdirSync(dir)).toEqual([JWT_SECRET_FILE]); // no draft left behind
  });

  it('is one secret for registries starting at once on one DATA_DIR, in a directory it makes', async () => {
    const nested = join(dir, 'data', 'registry');
    const secrets = await Promise.all(Array.from({ length: 8 }, () => jwtSecret(dev(nested))));
    expect(new Set(secrets).size).toBe(1);
    expect(readdirSync(nested)).toEqual([JWT_SECRET_FILE]);
  });

  it('is JWT_SECRET when set, and then no file is made', async () => {
    const secret = 's'.repeat(40);
    expect(await jwtSecret({ ...dev(), JWT_SECRET: secret })).toBe(secret);
    expect(await jwtSecret({ ...dev(), NODE_ENV: 'production', JWT_SECRET: secret })).toBe(secret);
    expect(existsSync(file())).toBe(false);
  });

  it('is never generated in production: the settings refuse to start without JWT_SECRET, on one line naming it', async () => {
    await expect(jwtSecret({ ...dev(), NODE_ENV: 'production' })).rejects.toThrow('JWT_SECRET: required when NODE_ENV=production');
    expect(existsSync(file())).toBe(false);
    let message = '';
    try {
      validateConfig({ NODE_ENV: 'production', DATA_DIR: dir }, RegistryConfig);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^Invalid configuration: JWT_SECRET: required when NODE_ENV=production/);
    expect(message).not.toContain('\n');
  });

  it.each(['0640', '0604', '0660', '0644'])('refuses a file others may open (mode %s), without showing the secret', async (mode) => {
    const secret = await jwtSecret(dev());
    chmodSync(file(), parseInt(mode, 8));
    const refusal = jwtSecret(dev());
    await expect(refusal).rejects.toThrow(`is open to group or others (mode ${mode}): chmod 600 it, or set JWT_SECRET`);
    await expect(refusal).rejects.toThrow(file());
    await expect(refusal).rejects.not.toThrow(secret);
    expect(readFileSync(file(), 'utf8')).toBe(`${secret}\n`); // never replaced
  });

  it.each([
    ['empty', ''],
    ['too short', 'abc123\n'],
    ['two lines', `${'a'.repeat(40)}\n${'b'.repeat(40)}\n`],
    ['with spaces', `${'a'.repeat(20)} ${'b'.repeat(20)}`],
  ])('refuses a file that holds no secret (%s), and leaves it as it is', async (_name, text) => {
    writeFileSync(file(), text, { mode: 0o600 });
    await expect(jwtSecret(dev())).rejects.toThrow(`The JWT secret file ${file()} holds no secret`);
    expect(readFileSync(file(), 'utf8')).toBe(text);
  });

  it('takes a secret an operator wrote, with or without its newline', async () => {
    writeFileSync(file(), `${'Z9'.repeat(20)}\n`, { mode: 0o600 });
    expect(await jwtSecret(dev())).toBe('Z9'.repeat(20));
  });
});
