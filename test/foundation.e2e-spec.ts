import { INestApplication } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { createLookupApp } from '../apps/lookup/src/lookup.app';
import { createRegistryApp } from '../apps/registry/src/registry.app';

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
});
