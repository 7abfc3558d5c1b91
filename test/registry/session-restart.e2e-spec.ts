import { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { JWT_SECRET_FILE } from '../../apps/registry/src/auth/jwt-secret';
import { createRegistryApp } from '../../apps/registry/src/registry.app';
import { withEnv } from '../hardening/hardening-support';
import { RegistryHarness, ROOT } from '../support/registry-harness';

/** Without JWT_SECRET the registry keeps its token secret in DATA_DIR: a restart signs nobody out. */
describe('sessions survive a restart of the registry', () => {
  let h: RegistryHarness;
  const dataDir = process.env.DATA_DIR!;
  const elsewhere = mkdtempSync(join(tmpdir(), 'vbr-session-'));
  const me = (app: INestApplication, token: string) =>
    request(app.getHttpServer()).get('/v1/auth/me').set('Authorization', `Bearer ${token}`);
  /** The registry as it starts without JWT_SECRET (the tests' default too), on `env`'s DATA_DIR. */
  const start = (env: Record<string, string | undefined> = {}) => withEnv({ JWT_SECRET: undefined, ...env }, () => createRegistryApp());

  beforeAll(async () => {
    h = await withEnv({ JWT_SECRET: undefined }, () => RegistryHarness.start());
  });
  afterAll(async () => {
    await h?.stop();
    rmSync(elsewhere, { recursive: true, force: true });
  });

  it('accepts a token signed before the restart, from a secret file only its owner may read', async () => {
    const token = await h.token(ROOT.username, ROOT.password);
    expect((await me(h.app, token).expect(200)).body.username).toBe(ROOT.username);
    expect(statSync(join(dataDir, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);

    await h.app.close();
    h.app = await start();
    expect((await me(h.app, token).expect(200)).body.username).toBe(ROOT.username);
  });

  it('refuses it on a registry that keeps its secret elsewhere (it was the file that kept the session)', async () => {
    const token = await h.token(ROOT.username, ROOT.password);
    // Another DATA_DIR, with the same signing keys (the database names the current one).
    const other = await start({ DATA_DIR: elsewhere, SIGNING_KEY_FILE: join(dataDir, 'signing-keys.json') });
    try {
      expect((await me(other, token).expect(401)).body.code).toBe('UNAUTHENTICATED');
      expect(statSync(join(elsewhere, JWT_SECRET_FILE)).mode & 0o777).toBe(0o600);
    } finally {
      await other.close();
    }
    await me(h.app, token).expect(200);
  });
});
