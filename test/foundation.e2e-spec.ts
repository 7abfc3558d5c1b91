import { INestApplication } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { createLookupApp } from '../apps/lookup/src/lookup.app';
import { createRegistryApp } from '../apps/registry/src/registry.app';
import { withEnv } from './hardening/hardening-support';

describe('both services boot on the test database', () => {
  let registry: INestApplication;
  let lookup: INestApplication;

  beforeAll(async () => {
    registry = await createRegistryApp();
    lookup = await createLookupApp();
  });
  afterAll(async () => {
    await registry?.close();
    await lookup?.close();
  });

  it.each([
    ['registry', () => registry],
    ['lookup', () => lookup],
  ])('%s answers /health/live and /health/ready', async (_name, app) => {
    await request(app().getHttpServer()).get('/health/live').expect(200);
    const ready = await request(app().getHttpServer()).get('/health/ready').expect(200);
    expect(ready.body.info.database.status).toBe('up');
  });

  it.each([
    ['registry', () => registry],
    ['lookup', () => lookup],
  ])('%s answers an unknown route with the JSON error shape', async (_name, app) => {
    const res = await request(app().getHttpServer()).get('/v1/no-such-route').set('X-Request-Id', 'req-abc').expect(404);
    expect(res.body).toEqual({ statusCode: 404, code: 'NOT_FOUND', message: expect.any(String), requestId: 'req-abc' });
  });

  it.each([
    ['registry', () => registry, ['/v1/auth/login', '/v1/organizations/{id}/numbers/import', '/v1/audit-events/verify']],
    ['lookup', () => lookup, ['/v1/lookup/{number}', '/v1/lookup/batch', '/v1/sync/snapshot', '/v1/sync/changes']],
  ])('%s publishes its OpenAPI document with a documented response for every operation', async (_name, app, paths) => {
    const res = await request(app().getHttpServer()).get('/docs-json').expect(200);
    await SwaggerParser.validate(structuredClone(res.body)); // a valid OpenAPI 3 document
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(paths));
    for (const [path, operations] of Object.entries<Record<string, { responses?: object }>>(res.body.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        expect({ path, method, documented: Object.keys(op.responses ?? {}).length > 0 }).toEqual({ path, method, documented: true });
      }
    }
  });

  it.each([
    ['registry', () => registry],
    ['lookup', () => lookup],
  ])('%s serves Swagger UI at /docs', async (_name, app) => {
    const res = await request(app().getHttpServer()).get('/docs').redirects(1).expect(200);
    expect(res.text).toContain('swagger-ui');
  });

  it.each([
    ['registry', () => registry],
    ['lookup', () => lookup],
  ])('%s never answers /metrics on its public port (the metrics listener serves it)', async (_name, app) => {
    const res = await request(app().getHttpServer()).get('/metrics').expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('DOCS_ENABLED', () => {
  const docsPaths = ['/docs', '/docs/', '/docs-json', '/docs/swagger-ui-init.js'];
  const boot = (env: Record<string, string | undefined>) =>
    withEnv(env, async () => [await createRegistryApp(), await createLookupApp()] as INestApplication[]);

  it.each<[string, Record<string, string | undefined>, number]>([
    ['off', { DOCS_ENABLED: 'false' }, 404],
    ['unset in production', { NODE_ENV: 'production', JWT_SECRET: 'd'.repeat(40), DOCS_ENABLED: undefined }, 404],
    ['on in production', { NODE_ENV: 'production', JWT_SECRET: 'd'.repeat(40), DOCS_ENABLED: 'true' }, 200],
  ])('%s: /docs and /docs-json answer %s on both services', async (_name, env, status) => {
    const apps = await boot(env);
    try {
      for (const app of apps) {
        for (const path of docsPaths) {
          const res = await request(app.getHttpServer()).get(path).redirects(1);
          expect({ path, status: res.status }).toEqual({ path, status });
          if (status === 404) expect(res.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
        }
      }
    } finally {
      for (const app of apps) await app.close();
    }
  });
});
