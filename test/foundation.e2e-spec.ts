import { INestApplication } from '@nestjs/common';
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
});
